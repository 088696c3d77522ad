# Associative arrays list their keys in bash's hash-table order, whatever
# the order they were added in, through every way of listing them.
declare -A m=([b]=1 [a]=2); declare -p m
declare -A n=([one]=1 [two]=2 [three]=3 [four]=4 [five]=5)
echo "${!n[@]}"; echo "${n[@]}"; echo "${n[*]@K}"
declare -A u; for k in host port path user query frag; do u[$k]=${#k}; done
for k in "${!u[@]}"; do echo "$k=${u[$k]}"; done
declare -A g=([x]=1); g+=([y]=2 [z]=3); g[w]=4; g[x]=9; unset 'g[y]'; declare -p g
f() { local -A l=([p]=1 [q]=2 [r]=3); echo "${!l[@]}"; }; f
declare -A big; for ((i = 0; i < 300; i++)); do big[k$i]=$i; done
unset 'big[k7]' 'big[k100]'
echo "${!big[@]}"
declare -A huge; for ((i = 0; i < 2500; i++)); do huge[key$i]=$i; done
echo "${!huge[@]}" | cksum
# @K and @k (bash 5.2): whole arrays as keys and values
a=(x "y z" 'q"r'); echo "[${a[@]@K}]"; printf '<%s>' "${a[@]@k}"; echo
declare -A kv=([k]="v w"); echo "[${kv[@]@K}]"; printf '<%s>' "${kv[@]@k}"; echo
echo "[${a[1]@K}]" "[${a[1]@k}]"
# a subshell's changes leave the parent's order alone
declare -A s; s[a]=1; s[b]=2
(s[c]=3; unset "s[a]"; s+=([d]=4); echo "sub: ${!s[@]}")
echo "parent: ${!s[@]}"
