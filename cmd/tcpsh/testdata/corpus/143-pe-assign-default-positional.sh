f() { : "${1:=x}"; }
f 2>&1 | sed 's/^.*line [0-9]*: //'
echo "status: ${PIPESTATUS[0]}"
arr=()
: "${arr[0]:=first}"
echo "${arr[0]}"
declare -A m
: "${m[k]:=v}"
echo "${m[k]}"
