d=$(mktemp -d); cd "$d"
v="a b"
echo x > $v
echo "status: $?"
e=
echo x > $e
echo "status: $?"
echo x > "$v"
ls
touch g1 g2
echo x > g*
echo "status: $?"
cd /; rm -rf "$d"
