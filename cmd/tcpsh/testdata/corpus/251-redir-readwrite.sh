d=$(mktemp -d); cd "$d"
echo "hello world" > f
exec 3<> f
read -r w <&3
echo "read: $w"
echo "more" >&3
exec 3>&-
cat f
echo abcdef > g
exec 4<>g
printf XY >&4
exec 4>&-
cat g
: <> created
ls created
cd /; rm -rf "$d"
