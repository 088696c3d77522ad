printf '%s\n' hello
printf '%s-%s\n' a b c d e
printf '%d %i\n' 42 -7
printf '%5s|%-5s|\n' ab cd
printf '%05d|%-5d|%+d\n' 42 42 42
printf '%x %X %o %#x %#o\n' 255 255 8 255 8
printf '%c%c\n' hello world
printf '%%literal\n'
printf 'no newline'; printf '\n'
printf '%s\n'
printf '%d\n'
printf '[%s]\n' "" x
