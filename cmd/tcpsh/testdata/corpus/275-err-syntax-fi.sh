# compare: status-prefix
echo first
fi
