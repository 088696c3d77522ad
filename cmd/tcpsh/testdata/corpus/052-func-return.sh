f() { return 3; echo never; }
f
echo "f: $?"
g() { false; return; }
g
echo "g: $?"
h() { true; }
h
echo "h: $?"
r() { return 300; }
r
echo "r: $?"
n() { return -1; }
n
echo "n: $?"
f
