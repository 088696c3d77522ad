s='a*b*c'
echo "${s#*\*}"
echo "${s#"a*"}"
echo "${s//\*/-}"
echo "${s//'*'/+}"
p='*'
echo "${s//$p/X}"
echo "${s//"$p"/Y}"
t='[x]y'
echo "${t#[x]}" "${t#\[x\]}"
