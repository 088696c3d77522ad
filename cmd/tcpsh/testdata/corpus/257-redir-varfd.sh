d=$(mktemp -d); cd "$d"
exec {fd}>out
echo "fd=$fd"
echo via-var >&$fd
exec {fd}>&-
cat out
exec {a}<out {b}<out
echo "a=$a b=$b"
exec {a}<&- {b}<&-
{ echo block >&$c; } {c}>blk
cat blk
echo "c after block: [${c-unset}]"
exec {c}>&-
cd /; rm -rf "$d"
