echo "line $LINENO"
f() {
  echo "in f: $LINENO"
}
f
echo "multi
line $LINENO"
x=$(echo $LINENO)
echo "subst: $x"
echo "last: $LINENO"
