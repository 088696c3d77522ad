d=$(mktemp -d)
cd "$d"
mkdir -p a/b
cd a
echo "${PWD##*/}"
cd b
basename "$(pwd)"
cd ..
echo "${PWD##*/}"
cd - > /dev/null
echo "after cd -: ${PWD##*/} old: ${OLDPWD##*/}"
cd "$d/a/b" && cd ../..
[ "$PWD" = "$d" ] && echo "back at top"
cd /; rm -rf "$d"
