# W7: BENCH_W7_N ping-pong round trips on one connection to the echo server.
exec 3<>/dev/tcp/127.0.0.1/"$ECHO_PORT" || exit 1
for ((i = 0; i < BENCH_W7_N; i++)); do
	echo ping >&3
	read -r line <&3 || exit 1
done
echo "$i $line"
