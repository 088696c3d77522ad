a=$(printf '%5.1f|%-4s|%x' 3.14159 ab 255)
b=$(env printf '%5.1f|%-4s|%x' 3.14159 ab 255)
echo "builtin:  $a"
echo "external: $b"
[ "$a" = "$b" ] && echo same
command -p printf '%s\n' "command -p still finds the builtin"
type -t printf
env printf '%d\n' abc
echo "external invalid number status: $?"
