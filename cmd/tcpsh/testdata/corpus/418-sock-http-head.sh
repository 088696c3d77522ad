exec 3<>/dev/tcp/127.0.0.1/$HTTP_PORT
printf 'HEAD / HTTP/1.0\r\n\r\n' >&3
cat <&3 | tr -d '\r' | grep -v '^Date:'
exec 3<&-
exec 3<>/dev/tcp/127.0.0.1/$HTTP_PORT
printf 'POST /method HTTP/1.0\r\nContent-Length: 0\r\n\r\n' >&3
tr -d '\r' <&3 | tail -n 1
exec 3<&-
