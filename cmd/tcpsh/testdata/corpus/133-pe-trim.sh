p=/usr/local/lib/file.tar.gz
echo "${p#*/}"
echo "${p##*/}"
echo "${p%.*}"
echo "${p%%.*}"
echo "${p#/usr}"
echo "${p%nomatch}"
x=aaa
echo "${x#a}" "${x##a}" "${x#a*}" "${x##a*}"
echo "${x%a}" "${x%%a*}"
pat='*.'
echo "${p#$pat}" "${p##$pat}" "${p#"$pat"}"
