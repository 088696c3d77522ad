exec 8<> /dev/tcp/127.0.0.1/$HTTP_PORT
echo -e "GET / HTTP/1.0\n" 1>& 8
cat 0<& 8
exec 8<&-
echo "status: $?"
