d=$(mktemp -d); cd "$d"
mkdir -p one two
pushd one > /dev/null
echo "${PWD##*/}"
pushd ../two > /dev/null
echo "${PWD##*/} depth ${#DIRSTACK[@]}"
popd > /dev/null
echo "${PWD##*/}"
popd > /dev/null
[ "$PWD" = "$d" ] && echo "back"
popd
echo "empty stack: $?"
cd /; rm -rf "$d"
