echo before
x=$(echo ok; if)
echo "after: $?"
