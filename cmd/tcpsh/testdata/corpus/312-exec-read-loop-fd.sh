d=$(mktemp -d); cd "$d"
printf 'r1\nr2\nr3\n' > data
exec 7< data
while read -r -u 7 line; do
  echo "got $line"
  read -r inner <<< "nested read ok"
done
exec 7<&-
echo "$inner"
cd /; rm -rf "$d"
