# W6b: as W6a with BENCH_W6B_N sockets, after ulimit -n 20000.
# Run with -c: bash 5.2 running a script file aborts ("double free")
# when the script opens fd 255, where it keeps the script.
ulimit -n 20000 || exit 1
n=10 end=$((10 + BENCH_W6B_N))
while [ $n -lt $end ]; do
	eval "exec $n<>/dev/tcp/127.0.0.1/$ECHO_PORT" || exit 1
	n=$((n + 1))
done
n=10
while [ $n -lt $end ]; do
	eval "exec $n>&-"
	n=$((n + 1))
done
echo "$BENCH_W6B_N"
