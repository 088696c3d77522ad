exec 3<>/dev/tcp/127.0.0.1/$HTTP_PORT
printf 'GET /nope HTTP/1.0\r\n\r\n' >&3
read -r proto code rest <&3
echo "$code ${rest%$'\r'}"
tail -n 1 <&3
exec 3<&-
[ "$code" = 404 ]
