printf '%s=%s\n' a 1 b 2 c
printf '<%s>' x y z; echo
printf '%d,' 1 2 3; echo
printf 'fixed\n' extra args
printf '%s %s %s\n' only
