f() { local x=$(false); echo "local hides status: $?"; }
f
g() { local y; y=$(false); echo "separate assignment: $?"; }
g
z=$(exit 3)
echo "plain assignment: $?"
export w=$(false)
echo "export hides status: $?"
readonly r=$(exit 5)
echo "readonly: $?"
