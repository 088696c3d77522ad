enable -n echo
type -t echo
echo "external echo ok"
enable echo
type -t echo
enable -n test
[ 1 = 1 ] && echo "[ still builtin"
type -t test
enable test
enable nosuchbuiltin
echo "status: $?"
