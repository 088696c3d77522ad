d=$(mktemp -d)
cd "$d"
{ echo line1; echo line2; } > out
wc -l < out | tr -d ' '
{ read -r a; read -r b; } < out
echo "$b/$a"
{ echo err >&2; } 2> errf
cat errf
cd /; rm -rf "$d"
