s="héllo"
echo "${#s}"
echo "${s:1:2}" | od -An -tx1 | tr -s ' '
echo "${s^^}"
w="日本語テキスト"
echo "${#w}"
echo "${w:2:3}"
echo "${w: -2}"
