a=1 b=2 c=$a$b
echo "$a $b $c"
d=$(echo sub) e="with space"
echo "$d|$e"
x=
echo "empty:[$x]"
y=a=b
echo "$y"
