echo "from stdin script"
x=5
echo "x=$((x*2)) line $LINENO"
f() { echo "function $1"; }
f ok
for i in 1 2; do echo "loop $i"; done
(exit 4)
