# {var} redirections whose variable is an array element: the fd number
# goes into the element, and {COPROC[1]}>&- closes a coprocess's input.
a=(5 6)
exec {a[1]}>/dev/null
echo "${a[@]}"
exec {a[1]}>&-; echo "closed: $?"
declare -A m
exec {m[k]}</dev/null
echo "m[k]=${m[k]}"
exec {m[k]}<&-; echo "closed: $?"
coproc cat
echo "to the coprocess" >&"${COPROC[1]}"
exec {COPROC[1]}>&-
read -r line <&"${COPROC[0]}"
echo "back: $line"
wait
