( exit 3 ) & a=$!
( exit 0 ) & b=$!
sh -c 'exit 9' & c=$!
wait $a; echo "a: $?"
wait $b; echo "b: $?"
wait $c; echo "c: $?"
wait $a
echo "waited twice: $?"
f() { sleep 0.01; return 4; }
f & wait $!
echo "function bg: $?"
