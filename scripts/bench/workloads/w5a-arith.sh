# W5a: the interpreter loop: BENCH_W5A_N rounds of [ ] and $(( )).
i=0
while [ $i -lt "$BENCH_W5A_N" ]; do i=$((i + 1)); done
echo "$i"
