printf 'a 1\nb 2\nc\n' | while read -r name val; do echo "$name=${val:-none}"; done
n=0
while IFS= read -r l || [ -n "$l" ]; do n=$((n+1)); echo "[$l]"; done <<< $'x\ny\nlast'
printf 'p\nq' | while read -r l || [[ $l ]]; do echo "got $l"; done
echo "n=$n"
