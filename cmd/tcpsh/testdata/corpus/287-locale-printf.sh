printf '%5s|\n' "é"
printf '%.2s|\n' "héllo" | od -An -tx1 | tr -s ' '
printf '%c\n' "é" | od -An -tx1 | tr -s ' '
printf '%d\n' "'é"
printf '%q\n' "é"
