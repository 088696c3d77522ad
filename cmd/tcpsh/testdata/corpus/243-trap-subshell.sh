trap 'echo parent-exit' EXIT
( echo "in subshell"; )
( trap 'echo sub-exit' EXIT; echo "sub body" )
x=$(trap 'echo cs-exit' EXIT; echo inner)
echo "captured: $x"
trap
