set -e
f() { false; echo "f continues (called in condition)"; }
if f; then echo "f returned true"; fi
f && echo "and also"
g() { echo g-start; false; echo g-never; }
g
echo never
