d=$(mktemp -d); cd "$d"
f() { echo out; echo err >&2; }
f &> both
cat both
f &>> both
wc -l < both | tr -d ' '
f >& both2
cat both2
f > outonly 2>/dev/null
cat outonly
cd /; rm -rf "$d"
