# compare: status-prefix
echo "runs first"
echo "line two"
fi
echo "never"
