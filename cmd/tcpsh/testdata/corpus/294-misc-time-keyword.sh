TIMEFORMAT='timed'
time true
time echo "output of timed"
time (exit 3)
echo "status: $?"
