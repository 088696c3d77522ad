d=$(mktemp -d); cd "$d"
echo "to procsub" > >(tr a-z A-Z > out)
wait $!
cat out
tee >(sort > sorted) > /dev/null <<< $'b\na'
wait $!
cat sorted
cd /; rm -rf "$d"
