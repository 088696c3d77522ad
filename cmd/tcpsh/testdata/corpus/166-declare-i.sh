declare -i n
n=5+5
echo $n
n+=3
echo $n
n="2*3"
echo $n
n=abc
echo "non-numeric name: $n"
declare -i m=010
echo $m
declare +i n
n=1+1
echo $n
