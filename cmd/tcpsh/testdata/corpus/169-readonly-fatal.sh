readonly v=1
v=2 echo "prefix on readonly"
echo "after prefix: $?"
(v=3)
echo "subshell status: $?"
for v in a b; do echo "$v"; done
echo "after for: $?"
