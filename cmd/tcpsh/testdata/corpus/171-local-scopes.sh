x=global
a() { local x=a; b; echo "a sees $x"; }
b() { x=set-by-b; }
a
echo "global: $x"
c() { local x; echo "declared local: [${x-unset}]"; }
c
d() { local -r ro=1; ro=2; echo "readonly local status: $?"; }
d 2>/dev/null
echo "d status: $?"
d; echo "same line after d: $?"
echo "next line after d: $?"
local outside=1
echo "local outside function: $?"
