# W2b: upload a BENCH_BYTES file on tmpfs to the sink with cat.
exec 3<>/dev/tcp/127.0.0.1/"$SINK_PORT" || exit 1
cat "$BENCH_UPFILE" >&3
