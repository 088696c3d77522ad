exec 3<>/dev/tcp/127.0.0.1/$ECHO_PORT
exec 4>&1
exec 1>&3
echo "stdout goes to socket"
exec 1>&4 4>&-
read -r r <&3
echo "read back: $r"
exec 3<&-
