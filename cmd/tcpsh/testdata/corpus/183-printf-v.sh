printf -v out '%s=%d' count 5
echo "[$out]"
printf -v arr[2] '%s' elem
echo "${arr[2]}"
printf -v pad '%-6s|' ab
echo "$pad"
printf -v multi '%s,' a b c
echo "$multi"
printf -v bad%name x
echo "status: $?"
