for i in 3 1 2; do echo $i; done | sort -n
seq 3 | while read -r n; do echo "sq $((n*n))"; done
i=0
while [ $i -lt 3 ]; do echo "w$i"; i=$((i+1)); done | tac
printf '%s\n' x y | for a in 1; do cat; done
