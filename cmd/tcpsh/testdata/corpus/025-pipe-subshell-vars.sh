x=before
echo changed | read x
echo "x=$x"
n=0
printf '1\n2\n3\n' | while read -r l; do n=$((n+l)); done
echo "n=$n"
echo a | { read -r y; echo "inside: $y"; }
echo "outside: [${y-}]"
