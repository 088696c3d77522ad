for w in a b c; do echo "w=$w"; done
for w in "x y" z; do echo "[$w]"; done
set -- p1 "p 2"
for a; do echo "arg: $a"; done
for a in; do echo never; done
echo "empty list: $?"
list="1 2 3"
for n in $list; do printf '%s,' "$n"; done; echo
for n in "$list"; do echo "[$n]"; done
