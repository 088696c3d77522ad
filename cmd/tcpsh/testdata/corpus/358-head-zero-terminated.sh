# head -z counts NUL-terminated records.
printf 'a\0b\nc\0d\0e' | head -z -n 2 | od -c
printf 'a\0b\nc\0d\0e' | head -z -n -1 | od -c
printf 'a\0b\0' | head -z | od -c
printf 'x\ny\n' | head -z -n 1 | od -c
printf 'a\0b\0c' | head -2z | od -c
