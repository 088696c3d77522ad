d=$(mktemp -d); cd "$d"
set -C
echo a > f
echo b > f 2>/dev/null || echo "clobber refused"
echo c >| f
cat f
echo d 2>&1 > f | cat
cd /; rm -rf "$d"
