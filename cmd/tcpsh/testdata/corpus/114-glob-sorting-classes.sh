d=$(mktemp -d); cd "$d"
touch B a C b 1 _x
echo *
echo [[:upper:]]
echo [[:lower:]]*
echo [[:digit:]]
echo [!a-z]*
cd /; rm -rf "$d"
