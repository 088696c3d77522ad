read -t 0 <<< "data"
echo "t0 with data: $?"
read -t 0 < /dev/null
echo "t0 at eof: $?"
exec 3<<< "from fd three"
read -r -u 3 v
echo "$v"
exec 3<&-
read -u 3 v
echo "closed fd: $?"
read -u 77 v
echo "bad fd: $?"
