d=$(mktemp -d); cd "$d"
f() { echo "to file"; } > out
f
f
cat out
g() { cat; } < <(echo "from procsub")
g
cd /; rm -rf "$d"
