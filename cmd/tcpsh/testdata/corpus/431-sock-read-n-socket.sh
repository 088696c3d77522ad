exec 3<>/dev/tcp/127.0.0.1/$ECHO_PORT
printf 'abcdef\n' >&3
read -r -n 3 x <&3
read -r -N 2 y <&3
read -r z <&3
echo "$x|$y|$z"
exec 3<&-
