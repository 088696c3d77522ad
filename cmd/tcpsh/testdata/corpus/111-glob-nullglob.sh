d=$(mktemp -d); cd "$d"
touch one.c
shopt -s nullglob
echo "nullglob: [" *.h "]"
set -- *.none
echo "count: $#"
shopt -u nullglob
echo "off: " *.h
shopt -s failglob
echo *.h
echo "failglob status: $?"
shopt -u failglob
cd /; rm -rf "$d"
