# break and continue outside loops, in functions, and with counts beyond
# the nesting.
break; echo "top break: $?"
continue; echo "top continue: $?"
f() { break; }
for i in 1 2 3; do echo "i=$i"; f; done; echo "after f: $?"
for i in 1; do for j in 1 2; do break 5; done; echo not-reached; done; echo "break 5: $?"
{ echo "block runs"; }
if true; then echo "if runs"; fi
for i in 1 2; do for j in a b; do continue 9; echo no; done; echo no2; done; echo "continue 9 done"
for i in 1 2; do break 0; echo no3; done; echo "break 0: $?"
for i in 1; do break x; echo no4; done; echo not-reached-either
