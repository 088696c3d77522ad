(exit 3) &
wait -n
echo "wait -n: $?"
wait
echo "nothing left: $?"
wait 999999
echo "unknown pid: $?" 
