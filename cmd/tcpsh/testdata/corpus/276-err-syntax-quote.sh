# compare: status-prefix
echo "ok line"
echo 'unterminated
echo more
