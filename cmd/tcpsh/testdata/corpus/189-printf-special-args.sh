printf '%s|' "a b" '' "c"; echo
printf '%5.2s|\n' xyz
printf '%-10q|\n' "a b"
printf '%i %u\n' -3 3
printf '%o\n' -1
printf '%x\n' -1
printf '%c|\n' ''
printf '%s\n' "%d"
printf '%b\n' '\e' | od -An -c | tr -s ' '
printf '%5%|\n' 2>&1
