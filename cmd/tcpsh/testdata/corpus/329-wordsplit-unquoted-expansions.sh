args() { echo "$#:$(printf '[%s]' "$@")"; }
v="a b"
args $v "$v" ${v} "${v}x" $v$v
e=""
args $e "" "$e" ${e:-} ${e:-d}
a=("x y" z)
args ${a[@]} "${a[@]}" "${a[*]}" ${a[*]}
args "${a[@]}x" "y${a[@]}"
