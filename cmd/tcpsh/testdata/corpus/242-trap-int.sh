trap 'echo "caught INT"' INT
kill -INT $$
echo "after kill"
trap 'echo "caught USR1"' USR1
kill -USR1 $$
trap - INT
trap -p USR1
trap '' TERM
kill -TERM $$
echo "TERM ignored"
trap -p TERM
