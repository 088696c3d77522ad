d=$(mktemp -d); cd "$d"
echo first > f
set -o noclobber
echo second > f
echo "status: $?"
cat f
echo forced >| f
cat f
echo appended >> f
cat f
echo new > g
cat g
echo ok > /dev/null
echo "dev null ok: $?"
set +C
echo again > f
cat f
cd /; rm -rf "$d"
