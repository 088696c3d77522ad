n=0
until (( n >= 5 )); do
  (( n++ ))
  (( n == 2 )) && continue
  (( n == 4 )) && break
  echo "n=$n"
done
echo "ended at $n"
for x in 1; do false; done
echo "loop status is last body status: $?"
while true; do break; done
echo "break status: $?"
