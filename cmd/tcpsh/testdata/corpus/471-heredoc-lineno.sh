# $LINENO in a here-document body is the line of its command.
x=1
cat <<EOF
line $LINENO
second $LINENO
EOF
echo "after $LINENO"
f() {
  cat <<E
  in f $LINENO
E
}
f
cat <<A; echo "same line $LINENO"
$LINENO
A
