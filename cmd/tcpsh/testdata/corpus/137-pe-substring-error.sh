s=abc
echo "[${s:1:-5}]"
echo "status: $?"
echo after
