let a=5 b=a*2
echo "$a $b"
let "c = a + b" d++
echo "$c $d"
let 0
echo "let 0: $?"
let 1
echo "let 1: $?"
let x=0
