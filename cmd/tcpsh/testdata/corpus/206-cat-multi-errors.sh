d=$(mktemp -d); cd "$d"
echo one > a; echo two > b
cat a b
cat a - b <<< "stdin"
cat nofile
echo "status: $?"
cat a nofile b
echo "status: $?"
cat -n a b
cd /; rm -rf "$d"
