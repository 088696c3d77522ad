d=$(mktemp -d); cd "$d"
exec 12>f12
echo twelve >&12
exec 12>&-
cat f12
exec 99>f99
echo ninetynine 1>& 99
exec 99>&-
cat f99
exec 8>f8
echo spaced 1>& 8
echo spaced2 >& 8
exec 8>&-
cat f8
cd /; rm -rf "$d"
