d=$(mktemp -d); cd "$d"
exec 3> out
echo first >&3
echo second >&3
exec 3>&-
cat out
exec 4< out
read -r l <&4
echo "read from 4: $l"
read -r l <&4
echo "then: $l"
exec 4<&-
exec 5>> out
echo appended >&5
exec 5>&-
tail -n 1 out
cd /; rm -rf "$d"
