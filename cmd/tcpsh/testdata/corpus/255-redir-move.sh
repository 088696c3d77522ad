d=$(mktemp -d); cd "$d"
echo content > f
exec 3<f
exec 4<&3-
read -r l <&4
echo "via 4: $l"
read -r l <&3
echo "3 after move: $?"
exec 4<&-
exec 5>out
exec 6>&5-
echo moved >&6
exec 6>&-
cat out
cd /; rm -rf "$d"
