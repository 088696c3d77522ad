s=()
s[10]=ten
s[2]=two
s[7]=seven
echo "count=${#s[@]} keys=${!s[*]}"
for i in "${!s[@]}"; do echo "$i:${s[$i]}"; done
s+=(next)
echo "appended at ${!s[*]}"
unset 's[7]'
echo "${s[@]}"
echo "${s[@]:5}"
unset s
echo "after unset: ${#s[@]}"
