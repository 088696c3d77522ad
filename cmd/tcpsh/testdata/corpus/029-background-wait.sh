(echo bg1 > out1) &
p1=$!
(exit 5) &
p2=$!
wait $p1
echo "p1 status: $?"
wait $p2
echo "p2 status: $?"
cat out1
rm -f out1
[ -n "$p1" ] && echo "pid non-empty"
sleep 0.01 &
wait
echo "wait all: $?"
