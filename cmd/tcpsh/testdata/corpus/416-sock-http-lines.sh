exec 3<>/dev/tcp/127.0.0.1/$HTTP_PORT
printf 'GET /lines/5 HTTP/1.0\r\n\r\n' >&3
while IFS= read -r l <&3 && [ "$l" != $'\r' ]; do :; done
n=0
while read -r l; do n=$((n+1)); echo "$n: $l"; done <&3
exec 3<&-
echo "total $n"
