# break and continue in ( ) start outside any loop (an error, and break 2
# stops at the subshell's own loop); in $( ) the loops around still count.
for i in 1 2; do (break); echo "after (break): $i"; done
for i in 1 2; do (continue 2); echo "after (continue 2): $i"; done
for i in 1 2; do ( for j in a b; do break 2; done; echo "in: $j" ); echo "out: $i"; done
for i in 1 2; do x=$(break; echo never); echo "subst: $i [$x]"; done
x=$(break); echo "top: $?"
