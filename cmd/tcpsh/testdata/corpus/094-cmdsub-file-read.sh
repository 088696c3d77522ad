d=$(mktemp -d); cd "$d"
printf 'line1\nline2\n' > f
c=$(< f)
echo "$c"
echo "words: $(wc -l < f | tr -d ' ')"
e=$(< missing)
echo "status: $?"
cd /; rm -rf "$d"
