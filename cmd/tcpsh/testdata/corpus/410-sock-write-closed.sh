exec 9<>/dev/tcp/127.0.0.1/$ECHO_PORT
echo ping >&9
read -r r <&9
echo "got $r"
exec 9>&-
echo hi >&9
echo "status: $?"
