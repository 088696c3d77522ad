trap 'echo "ERR trap at line $LINENO status $?"' ERR
false
echo after
true
if false; then :; fi
false || true
f() { return 2; }
f
trap - ERR
false
echo "done: $?"
