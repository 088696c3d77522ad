d=$(mktemp -d); cd "$d"
echo "to procsub" > >(tr a-z A-Z > out)
wait $!
cat out
printf 'b\na\n' | tee >(sort > sorted) > /dev/null
wait $!
cat sorted
cd /; rm -rf "$d"
