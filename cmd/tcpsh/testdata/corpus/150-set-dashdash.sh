set -- -x -e
echo "$# $1 $2"
set -- "a b" c
echo "$#"
set x y z
echo "$@"
set -- 
echo "[$*]"
f() { set -- inner; echo "in f: $1"; }
set -- outer
f
echo "after f: $1"
