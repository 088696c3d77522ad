declare -A m
a=1 b=2
m[a+b]=literal
m[$a]=one
m["x y"]=spaced
for k in "${!m[@]}"; do echo "[$k]=${m[$k]}"; done | sort
i=(zero one two)
echo "${i[a+b-1]}"
k='a+b'
echo "${m[$k]}"
echo "${#m[@]}"
