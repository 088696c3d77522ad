exec 3<>/dev/tcp/127.0.0.1/$ECHO_PORT
exec 4<>/dev/tcp/127.0.0.1/$ECHO_PORT
echo "on three" >&3
echo "on four" >&4
read -r b <&4
read -r a <&3
echo "$a | $b"
exec 3<&- 4<&-
