set -x
echo hello
x=5
y="a b"
echo "$y" $x
f() { echo in-f; }
f arg
[[ $x == 5 ]]
(( x + 1 ))
for i in 1; do :; done
set +x
echo untraced
