set -- $(printf 'a b\nc\n\nd')
echo "$#"
set -- "$(printf 'a b\nc')"
echo "$#"
for w in $(echo "x  y"); do echo "[$w]"; done
IFS=$'\n'
set -- $(printf 'l 1\nl 2\n')
echo "$# [$1]"
