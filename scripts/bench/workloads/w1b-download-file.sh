# W1b: download BENCH_BYTES from the byte source into a file on tmpfs.
exec 3<>/dev/tcp/127.0.0.1/"$SRC_PORT" || exit 1
cat <&3 >"$BENCH_OUT"
