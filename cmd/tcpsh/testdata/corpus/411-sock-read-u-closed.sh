exec 9<>/dev/tcp/127.0.0.1/$ECHO_PORT
echo abc >&9
read -r -u 9 v
echo "read -u 9: $v"
exec 9<&-
read -r -u 9 v
echo "status: $?"
