v="a b  c"
[[ $v == "a b  c" ]] && echo "no word splitting"
g='*'
[[ $g == '*' ]] && echo "no globbing of lhs"
e=""
[[ $e == "" ]] && echo "empty ok"
[[ -n $undefined_var ]] || echo "unset ok"
