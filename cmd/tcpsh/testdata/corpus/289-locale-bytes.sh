s=$'\xff\xfe'
echo "${#s}"
printf '%s' "$s" | od -An -tx1 | tr -s ' '
t=$'a\xc3'
echo "${#t}"
echo "${t:1}" | od -An -tx1 | tr -s ' '
