cat <<A; cat <<B
first
A
second
B
paste - - <<ONE
x
y
ONE
while read -r l; do echo "[$l]"; done <<EOF2
  leading spaces
trailing spaces   
EOF2
