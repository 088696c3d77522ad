exec {fd}<>/dev/tcp/127.0.0.1/$ECHO_PORT
echo "fd=$fd"
echo "through var fd" >&$fd
read -r line <&$fd
echo "$line"
exec {fd}<&-
echo x >&$fd
echo "after close: $?"
