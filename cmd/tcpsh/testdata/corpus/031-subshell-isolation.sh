x=1
(x=2; echo "inside x=$x")
echo "outside x=$x"
cd /
(cd /usr && pwd)
pwd
(exit 7)
echo "subshell status: $?"
(set -e; false; echo never)
echo "set -e in subshell: $?"
f() { echo fn; }
(unset -f f; type f >/dev/null 2>&1 || echo "gone inside")
f
