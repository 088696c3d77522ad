set -e
x=$(echo a; false; echo b)
echo "without inherit_errexit: $x"
shopt -s inherit_errexit
y=$(echo c; false; echo d) || true
echo "with inherit_errexit: $y"
z=$(false)
echo never
