[ -5 -lt 3 ] && echo "negative compare"
[ 9223372036854775807 -gt 0 ] && echo "max int"
[ 00012 -eq 12 ] && echo "leading zeros decimal in test"
[[ 00012 -eq 10 ]] && echo "leading zeros octal in [["
[ +3 -eq 3 ] && echo "plus sign"
[ 1 -eq 1.0 ]
echo "float: $?"
