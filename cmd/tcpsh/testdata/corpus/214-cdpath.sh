d=$(mktemp -d); cd "$d"
mkdir -p base/target
CDPATH="$d/base"
cd target | sed "s|$d|D|"
cd target > /dev/null
echo "${PWD##*/}"
cd /; rm -rf "$d"
