d=$(mktemp -d); cd "$d"
for i in 1 2 3; do echo $i; done > loop
cat loop
if true; then echo in-if; fi > iff
cat iff
while read -r l; do echo "<$l>"; done < loop
case x in x) echo case-out;; esac 2>&1 > cs
cat cs
f() { echo fn; }
f > fnout; cat fnout
cd /; rm -rf "$d"
