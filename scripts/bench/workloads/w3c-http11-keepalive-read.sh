# W3c: BENCH_HTTP_N HTTP/1.1 keep-alive requests on one connection: headers
# with read, the body with read -N; prints the body bytes read.
# The request goes out in one write: bash's printf writes each line
# separately, and on a kept-alive connection Nagle's algorithm and delayed
# ACKs then stall every request for 40 ms; echo -n writes once.
req=$'GET /body HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'
exec 3<>/dev/tcp/127.0.0.1/"$HTTP_PORT" || exit 1
total=0 i=0
while [ "$i" -lt "$BENCH_HTTP_N" ]; do
	echo -n "$req" >&3
	len=-1
	while IFS= read -r line <&3; do
		line=${line%$'\r'}
		[ -z "$line" ] && break
		case $line in
		[Cc]ontent-[Ll]ength:*) len=${line#*:} len=${len# } ;;
		esac
	done
	IFS= read -r -N "$len" body <&3 || exit 1
	total=$((total + ${#body}))
	i=$((i + 1))
done
echo "$total"
