# compare: status-prefix
echo before
x=$(echo ok; if)
echo "after: $?"
