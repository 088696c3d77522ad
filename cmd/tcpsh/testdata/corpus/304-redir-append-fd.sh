d=$(mktemp -d); cd "$d"
echo base > log
exec 3>>log
echo one >&3
echo two >&3
exec 3>&-
cat log
exec 4>log
echo truncated >&4
exec 4>&-
cat log
cd /; rm -rf "$d"
