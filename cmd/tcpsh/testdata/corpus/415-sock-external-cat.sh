exec 3</dev/tcp/127.0.0.1/$BANNER_PORT
sh -c 'cat <&3' | tr -d '\r'
exec 3<&-
exec 4<>/dev/tcp/127.0.0.1/$ECHO_PORT
sh -c 'echo "from child" >&4'
read -r r <&4
echo "parent read: $r"
exec 4<&-
