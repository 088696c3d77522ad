# compare: status-prefix
echo start
if true; then
  echo inside
