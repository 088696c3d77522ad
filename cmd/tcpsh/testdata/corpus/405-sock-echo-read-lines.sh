exec 3<>/dev/tcp/127.0.0.1/$ECHO_PORT
echo "first line" >&3
read -r a <&3
echo "echoed: $a"
printf 'two\nthree\n' >&3
read -r b <&3
read -r c <&3
echo "echoed: $b, $c"
exec 3>&-
echo "closed: $?"
