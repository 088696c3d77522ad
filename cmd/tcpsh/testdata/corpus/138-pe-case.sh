s="hello World"
echo "${s^}" "${s^^}" "${s,}" "${s,,}"
S=ABC
echo "${S,}" "${S,,}"
echo "${s^^[lo]}"
echo "${s~}" "${s~~}"
a=(one two)
echo "${a[@]^}"
declare -u up=lower
declare -l low=UPPER
echo "$up $low"
