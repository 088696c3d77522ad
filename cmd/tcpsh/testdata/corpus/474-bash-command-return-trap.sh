# $BASH_COMMAND (as bash prints the command) in ERR, DEBUG and EXIT traps,
# and a function's own RETURN trap.
trap 'echo "err: $BASH_COMMAND ($?)"' ERR
false
ls /nonexistent-tcpsh-corpus 2>/dev/null
[[ 1 -eq 2 ]]
true | false
trap - ERR
trap 'echo "dbg: $BASH_COMMAND"' DEBUG
x=1
echo hi > /dev/null
trap - DEBUG
f() { trap 'echo "f returns"' RETURN; echo in-f; }
g() { echo in-g; }
f; g
h() { trap 'echo "h returns"' RETURN; f; echo back-in-h; }
h
trap 'echo "exit: $BASH_COMMAND"' EXIT
exit 3
