exec 3<>/dev/tcp/127.0.0.1/$HTTP_PORT
get() {
  printf 'GET %s HTTP/1.1\r\nHost: test\r\n%s\r\n' "$1" "$2" >&3
  local line len=0
  IFS= read -r line <&3
  echo "status: ${line%$'\r'}"
  while IFS= read -r line <&3; do
    line=${line%$'\r'}
    [ -z "$line" ] && break
    case $line in Content-Length:*) len=${line#*: };; esac
  done
  echo "length: $len"
  echo "body: $(head -c "$len" <&3)"
}
get /len/7 ""
get / ""
get /len/3 $'Connection: close\r\n'
rest=$(cat <&3)
echo "after close: [${rest}]"
exec 3<&-
