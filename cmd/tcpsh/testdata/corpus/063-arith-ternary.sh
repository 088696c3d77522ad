a=5
echo $(( a > 3 ? 100 : 200 ))
echo $(( a > 9 ? 1 : a > 4 ? 2 : 3 ))
b=$(( a ? a : 7 ))
echo $b
(( c = a == 5 ? 10 : 20 ))
echo $c
