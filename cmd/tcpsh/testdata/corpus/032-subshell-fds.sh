d=$(mktemp -d)
cd "$d"
(exec 3>f3; echo three >&3)
echo "written: $(cat f3)"
echo test >&3 2>/dev/null || echo "fd 3 closed outside"
(exec >out; echo into-file)
echo "stdout restored"
cat out
cd /; rm -rf "$d"
