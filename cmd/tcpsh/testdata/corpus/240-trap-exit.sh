trap 'echo "exit trap, status $?"' EXIT
echo body
f() { trap 'echo "in trap"' EXIT; }
(exit 3)
exit 5
