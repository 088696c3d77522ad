fetch() {
  local fd
  exec {fd}<>/dev/tcp/127.0.0.1/$HTTP_PORT
  printf 'GET %s HTTP/1.0\r\n\r\n' "$1" >&$fd
  sed -n '$p' <&$fd
  exec {fd}<&-
}
fetch /
fetch /len/12
echo
fetch /method
