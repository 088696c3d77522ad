f() { echo first; }
f
f() { echo second; }
f
unset -f f
f 2>/dev/null
echo "after unset: $?"
g=var
g() { echo func; }
unset g
g
echo "var g: [${g-unset}]"
unset -v g
g
declare -F g
