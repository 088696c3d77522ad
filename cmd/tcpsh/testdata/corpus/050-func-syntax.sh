f1() { echo "f1 $*"; }
function f2 { echo "f2 $*"; }
function f3() { echo "f3 $#"; }
f4() ( echo "subshell body"; x=changed )
x=orig
f1 a b; f2 c; f3 1 2 3; f4
echo "x=$x"
f5() if true; then echo "if body"; fi
f5
