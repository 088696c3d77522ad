# head's messages and statuses: missing files, directories, bad counts, bad options.
d=$(mktemp -d) || exit 1
cd "$d" || exit 1
printf 'a\nb\n' > f; mkdir dir
head f missing f; echo "st=$?"
head "it's" 'a b' ''; echo "st=$?"
head -n 1 f dir f; echo "st=$?"
head -n 5x f; echo "st=$?"
head -c '' f; echo "st=$?"
head -n 99999999999999999999 f; echo "st=$?"
head -c -8E f; echo "st=$?"
head -n 1Yx f; echo "st=$?"
head --v f; echo "st=$?"
head -n; echo "st=$?"
head --quiet=1 f; echo "st=$?"
head -3x f; echo "st=$?"
head -n 1 -4 f; echo "st=$?"
head -y f; echo "st=$?"
head --nope f; echo "st=$?"
head <&-; echo "st=$?"
cd / && rm -rf "$d"
