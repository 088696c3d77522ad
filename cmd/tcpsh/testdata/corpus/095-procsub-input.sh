diff <(printf 'a\nb\n') <(printf 'a\nc\n')
echo "diff status: $?"
cat <(echo from procsub)
while read -r l; do echo "read: $l"; done < <(printf 'x\ny\n')
n=0
while read -r l; do n=$((n+1)); done < <(seq 5)
echo "n=$n (no subshell)"
paste <(echo 1) <(echo 2)
