cat </dev/tcp/127.0.0.1/$BANNER_PORT | tr -d '\r'
echo "status: ${PIPESTATUS[0]}"
n=$(wc -l </dev/tcp/127.0.0.1/$BANNER_PORT)
echo "lines: ${n// /}"
