# W3a: BENCH_HTTP_N HTTP/1.0 requests, one connection each, read with cat.
i=0
while [ "$i" -lt "$BENCH_HTTP_N" ]; do
	exec 3<>/dev/tcp/127.0.0.1/"$HTTP_PORT" || exit 1
	printf 'GET /body HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3
	cat <&3
	exec 3<&-
	i=$((i + 1))
done >"$BENCH_OUT"
