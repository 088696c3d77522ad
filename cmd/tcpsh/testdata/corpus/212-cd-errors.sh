d=$(mktemp -d); cd "$d"
cd nosuchdir
echo "status: $?"
touch file
cd file
echo "status: $?"
cd a b
echo "status: $?"
unset OLDPWD
cd -
echo "status: $?"
cd /; rm -rf "$d"
