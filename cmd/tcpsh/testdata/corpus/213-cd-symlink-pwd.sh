d=$(mktemp -d); cd "$d"
mkdir real; ln -s real link
cd link
echo "${PWD##*/}"
pwd -L | sed 's|.*/||'
pwd -P | sed 's|.*/||'
cd ..
cd -P link
echo "${PWD##*/}"
cd /; rm -rf "$d"
