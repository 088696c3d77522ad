d=$(mktemp -d); cd "$d"
echo one > f
echo two >> f
cat < f
wc -l < f | tr -d ' '
echo three 1> f
cat f
cat 0< f
> empty
wc -c < empty | tr -d ' '
>> empty
ls
cd /; rm -rf "$d"
