d=$(mktemp -d); cd "$d"
echo a > f b c
cat f
> g echo front
cat g
<f cat
2>/dev/null >h echo mixed
cat h
cd /; rm -rf "$d"
