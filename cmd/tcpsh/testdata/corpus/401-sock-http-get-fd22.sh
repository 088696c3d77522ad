exec 22<> /dev/tcp/127.0.0.1/$HTTP_PORT
echo -e "GET / HTTP/1.0\n" 1>& 22
cat 0<& 22 | tr -d '\r'
exec 22<&-
