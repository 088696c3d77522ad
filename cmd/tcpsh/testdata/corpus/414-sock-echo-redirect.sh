echo hi >/dev/tcp/127.0.0.1/$ECHO_PORT
echo "status: $?"
printf 'data\n' >/dev/tcp/127.0.0.1/$ECHO_PORT && echo "printf ok"
