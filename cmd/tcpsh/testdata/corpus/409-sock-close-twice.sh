exec 3<>/dev/tcp/127.0.0.1/$ECHO_PORT
exec 3<&-
echo "first close: $?"
exec 3<&-
echo "second close: $?"
exec 3>&-
echo "third close: $?"
