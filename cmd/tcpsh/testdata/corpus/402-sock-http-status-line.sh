exec 3<>/dev/tcp/127.0.0.1/$HTTP_PORT
printf 'GET / HTTP/1.0\r\nHost: test\r\n\r\n' >&3
IFS= read -r status <&3
echo "${status%$'\r'}"
set -- $status
echo "proto=$1 code=$2"
exec 3<&-
[ "$2" = 200 ]
