d=$(mktemp -d); cd "$d"
printf 'a\tb\n\n\n\nc \x01\x7f\n' > f
cat -A f
cat -b f
cat -n f
cat -s f
cat -e f
cat -E f
cat -t f
cat -T f
cat -v f
cd /; rm -rf "$d"
