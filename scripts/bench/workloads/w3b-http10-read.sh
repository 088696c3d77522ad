# W3b: BENCH_HTTP_N HTTP/1.0 requests read with a while-read loop; prints
# the bytes read.
total=0 i=0
while [ "$i" -lt "$BENCH_HTTP_N" ]; do
	exec 3<>/dev/tcp/127.0.0.1/"$HTTP_PORT" || exit 1
	printf 'GET /body HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3
	while IFS= read -r line; do
		total=$((total + ${#line} + 1))
	done <&3
	exec 3<&-
	i=$((i + 1))
done
echo "$total"
