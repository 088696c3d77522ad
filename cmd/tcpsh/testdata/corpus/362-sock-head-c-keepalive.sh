# Bodies read with head -c $len on one keep-alive HTTP connection.
exec 3<>/dev/tcp/127.0.0.1/$HTTP_PORT
for p in /len/5 /len/3000 / /len/0 /lines/3; do
  printf 'GET %s HTTP/1.1\r\nHost: test\r\n\r\n' "$p" >&3
  len=0
  while IFS= read -r line <&3; do
    line=${line%$'\r'}
    [ -z "$line" ] && break
    case $line in Content-Length:*) len=${line#*: } ;; esac
  done
  body=$(head -c "$len" <&3)
  echo "$p: $len ${#body} ${body:0:12}"
done
exec 3<&-
