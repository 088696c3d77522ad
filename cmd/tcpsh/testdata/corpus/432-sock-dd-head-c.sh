exec 3<>/dev/tcp/127.0.0.1/$HTTP_PORT
printf 'GET /len/100 HTTP/1.0\r\n\r\n' >&3
while IFS= read -r h <&3 && [ "$h" != $'\r' ]; do :; done
head -c 10 <&3; echo
head -c 5 <&3; echo
rest=$(cat <&3)
echo "${#rest} more bytes"
exec 3<&-
