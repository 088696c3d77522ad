# read -t: a regular file never times out; -t 0 only tests readiness.
f=$(mktemp) || exit 1
printf 'l1\nl2\n' > "$f"
{ read -t 0 x; echo "t0 st=$?"; read y; echo "[$x][$y]"; } < "$f"
read -t 0.000001 z < "$f"; echo "tiny timeout st=$? z=$z"
read -t 0 w < /dev/null; echo "devnull t0 st=$?"
rm -f "$f"
