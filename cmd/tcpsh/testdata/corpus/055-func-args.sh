show() { echo "count=$#"; for a in "$@"; do echo "[$a]"; done; }
show a "b c" '' d
wrap() { show "$@"; }
wrap "1 2" 3
star() { show "$*"; }
star x y z
echo "script args: $#"
set -- s1 s2
f() { echo "in f: $1"; }
f inner
echo "back: $1 $2"
