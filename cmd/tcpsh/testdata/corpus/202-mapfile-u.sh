exec 4< <(printf 'l1\nl2\nl3\n')
mapfile -t -u 4 m
exec 4<&-
echo "${#m[@]} ${m[2]}"
mapfile -u 9 z
echo "bad fd: $?"
