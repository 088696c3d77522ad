read -N 2 a <<< "héllo"
printf '%s' "$a" | od -An -tx1 | tr -s ' '
read -n 3 b <<< "ééééé"
printf '%s' "$b" | od -An -tx1 | tr -s ' '
echo "${#b}"
