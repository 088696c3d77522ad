# W6a: BENCH_W6_N sockets open at once (fds 10..), then all closed.
# Run with -c: bash 5.2 running a script file aborts ("double free")
# when the script opens fd 255, where it keeps the script.
n=10 end=$((10 + BENCH_W6_N))
while [ $n -lt $end ]; do
	eval "exec $n<>/dev/tcp/127.0.0.1/$ECHO_PORT" || exit 1
	n=$((n + 1))
done
n=10
while [ $n -lt $end ]; do
	eval "exec $n>&-"
	n=$((n + 1))
done
echo "$BENCH_W6_N"
