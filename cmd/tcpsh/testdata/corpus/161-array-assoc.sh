declare -A m
m[apple]=red
m[banana]=yellow
m["with space"]=x
echo "${m[apple]} ${#m[@]}"
for k in "${!m[@]}"; do echo "$k=${m[$k]}"; done | sort
unset 'm[banana]'
echo "${#m[@]}"
[[ -v m[apple] ]] && echo "apple set"
[[ -v m[banana] ]] || echo "banana gone"
declare -A n=([a]=1 [b]=2)
n+=([c]=3)
echo "$(printf '%s\n' "${!n[@]}" | sort | tr '\n' ' ')"
echo "${n[zzz]-missing}"
