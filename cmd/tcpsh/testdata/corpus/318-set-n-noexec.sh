echo "before noexec"
set -n
echo "not executed"
false
exit 7
