a=1
unset a
echo "[${a-unset}]"
f() { echo f; }
unset -f f
type f >/dev/null 2>&1 || echo "function gone"
b=2
unset -v b
echo "[${b-unset}]"
arr=(1 2 3)
unset 'arr[0]'
echo "${arr[@]}"
unset arr
echo "[${arr[*]-gone}]"
unset nonexistent
echo "unset missing: $?"
g() { local l=1; unset l; echo "local unset: [${l-unset}]"; }
g
