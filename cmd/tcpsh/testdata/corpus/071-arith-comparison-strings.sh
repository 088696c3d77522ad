a=10 b=9
(( a > b )) && echo "numeric: 10 > 9"
[[ $a > $b ]] || echo "string: 10 < 9"
[ "$a" -gt "$b" ] && echo "test -gt"
[ "$a" \> "$b" ] || echo "test string >"
echo $(( a == 10 && b == 9 ))
echo $(( (a > b) + (a < b) ))
