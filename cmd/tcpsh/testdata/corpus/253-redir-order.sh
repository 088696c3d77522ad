d=$(mktemp -d); cd "$d"
f() { echo out; echo err >&2; }
f 2>&1 >file1 | sed 's/^/pipe: /'
echo "file1: $(cat file1)"
f >file2 2>&1
echo "file2: $(sort file2 | tr '\n' ' ')"
f 2>/dev/null 1>&2 | cat
echo "nothing piped"
cd /; rm -rf "$d"
