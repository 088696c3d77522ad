echo to-stderr > /dev/stderr
echo to-stdout > /dev/stdout
echo discarded > /dev/null
cat /dev/null
echo "from stdin dev" | cat /dev/stdin
exec 3<<< "fd3 via dev fd"
cat /dev/fd/3
exec 3<&-
