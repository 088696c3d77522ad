v=orig
v=temp true
echo "after builtin: $v"
f() { echo "in f: $v"; }
v=forf f
echo "after function: $v"
v=x :
echo "after colon: $v"
