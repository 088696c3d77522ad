# W2a: upload BENCH_BYTES zeros to the sink with head -c.
exec 3<>/dev/tcp/127.0.0.1/"$SINK_PORT" || exit 1
head -c "$BENCH_BYTES" /dev/zero >&3
