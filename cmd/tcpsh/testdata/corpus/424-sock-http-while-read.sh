exec 3<>/dev/tcp/127.0.0.1/$HTTP_PORT
echo -e "GET /len/30 HTTP/1.0\r\n\r" >&3
i=0
while IFS= read -r line || [ -n "$line" ]; do
  i=$((i+1))
  printf '%d:%s\n' "$i" "${line%$'\r'}"
done <&3
exec 3<&-
