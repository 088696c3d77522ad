d=$(mktemp -d); cd "$d"
cat < nofile
echo "status: $?"
echo x > nodir/file
echo "status: $?"
echo x >&7
echo "status: $?"
cat <&8
echo "status: $?"
mkdir sub
echo x > sub
echo "status: $?"
touch ro; chmod 444 ro
[ "$(id -u)" = 0 ] || echo x > ro
echo y < nofile2 > created
ls created 2>&1
cd /; rm -rf "$d"
