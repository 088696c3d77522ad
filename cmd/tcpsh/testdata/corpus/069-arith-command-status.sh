(( 0 ))
echo "0 -> $?"
(( 5 ))
echo "5 -> $?"
(( -1 ))
echo "-1 -> $?"
if (( 3 > 2 )); then echo bigger; fi
while (( n < 3 )); do (( n++ )); done
echo "n=$n"
(( 2 - 2 ))
