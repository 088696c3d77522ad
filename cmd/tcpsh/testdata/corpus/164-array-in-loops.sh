files=("a b" c "d  e")
for f in "${files[@]}"; do echo "[$f]"; done
for f in ${files[@]}; do echo "<$f>"; done
for ((i=0; i<${#files[@]}; i++)); do echo "$i=${files[i]}"; done
n=${#files[@]}
echo "last: ${files[n-1]}"
