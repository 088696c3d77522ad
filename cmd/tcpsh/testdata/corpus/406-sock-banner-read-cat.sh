exec 3</dev/tcp/127.0.0.1/$BANNER_PORT
read -r first <&3
echo "first: ${first%$'\r'}"
cat <&3 | tr -d '\r'
exec 3<&-
read -r again <&3
echo "read after close: $?"
