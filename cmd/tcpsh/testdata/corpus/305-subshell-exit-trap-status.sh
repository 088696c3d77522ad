( trap 'echo "sub trap sees $?"' EXIT; exit 4 )
echo "subshell: $?"
( trap 'exit 9' EXIT; exit 4 )
echo "trap overrides: $?"
f() { trap 'echo "fn trap"' EXIT; return 2; }
( f )
echo "f subshell: $?"
