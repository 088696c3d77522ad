exec 3<>/dev/tcp/127.0.0.1/$HTTP_PORT
printf 'GET /len/10 HTTP/1.0\r\n\r\n' >&3
read -r proto code text <&3
echo "code=$code text=${text%$'\r'}"
while IFS= read -r h <&3; do
  h=${h%$'\r'}
  [ -z "$h" ] && break
  echo "header: ${h%%:*} = ${h#*: }"
done
body=$(cat <&3)
echo "body=[$body] length=${#body}"
exec 3<&-
