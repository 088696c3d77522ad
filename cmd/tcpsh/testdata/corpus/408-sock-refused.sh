exec 3<>/dev/tcp/127.0.0.1/$REFUSED_PORT
echo "exec status: $?"
echo hi > /dev/tcp/127.0.0.1/$REFUSED_PORT
echo "redirect status: $?"
cat < /dev/tcp/127.0.0.1/$REFUSED_PORT
echo "cat status: $?"
