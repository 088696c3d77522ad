# ${x@Q} of an unset variable, element or parameter is nothing; of an
# empty one it is ''.
echo "[${unset_var@Q}]"
empty=; echo "[${empty@Q}]"
a=(1 "2 3"); echo "[${a[@]@Q}]" "[${a[5]@Q}]"
declare -A m=([k]=v); echo "[${m[k]@Q}]" "[${m[z]@Q}]"
set -- a; echo "[${1@Q}]" "[${2@Q}]"
