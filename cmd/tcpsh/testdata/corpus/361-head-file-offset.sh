# head leaves a file's offset just after what it printed, so the next
# reader of the same open file goes on from there.
d=$(mktemp -d) || exit 1
seq 1 3000 > "$d/big"; printf 'a\nb\nc\nd\n' > "$d/small"
{ head -n 1; cat; } < "$d/small"
{ head -c 3; echo; head -n 1; cat; } < "$d/small"
{ head -n -2; echo --; cat; } < "$d/small"
{ head -c -5 | wc -c; cat; } < "$d/small"
{ head -n 2 >/dev/null; head -n 1; cat | wc -l; } < "$d/big"
{ head -n -2990 | wc -l; cat | wc -l; } < "$d/big"
{ head -n -5000 | wc -l; cat | wc -l; } < "$d/big"
{ head -c -100 | wc -c; cat; } < "$d/big"
{ head -c 5000 >/dev/null; head -n 1; } < "$d/big"
exec 4< "$d/small"; head -n 1 <&4; read -r x <&4; echo "read $x"; head <&4; exec 4<&-
rm -rf "$d"
