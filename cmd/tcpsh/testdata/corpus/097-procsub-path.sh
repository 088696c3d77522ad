f=<(echo hi)
case $f in /dev/fd/*) echo "path looks like /dev/fd/N";; *) echo "other: $f";; esac
cat <(echo a) <(echo b)
[ -r <(true) ] && echo readable
