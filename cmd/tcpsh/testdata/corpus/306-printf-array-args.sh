arr=(one "two words" three)
printf '%s\n' "${arr[@]}"
printf '[%s] ' ${arr[@]}; echo
printf '%s=%s\n' k1 v1 k2 v2
declare -A m=([x]=1)
printf '%s:%s\n' x "${m[x]}"
printf -v joined '%s,' "${arr[@]}"
echo "${joined%,}"
