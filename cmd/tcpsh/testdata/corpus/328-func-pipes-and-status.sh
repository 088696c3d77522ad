producer() { printf '%s\n' 3 1 2; return 4; }
consumer() { sort -n; return 6; }
producer | consumer
echo "statuses: ${PIPESTATUS[*]}"
out=$(producer | consumer)
echo "captured: $out" | tr '\n' ' '; echo
producer > /dev/null
echo "alone: $?"
