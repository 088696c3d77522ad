# W5b: BENCH_W5_N echo builtins redirected to /dev/null.
for ((i = 0; i < BENCH_W5_N; i++)); do
	echo "hello world $i" >/dev/null
done
echo "$i"
