name=target
target="the value"
echo "${!name}"
ref=arr
arr=(x y z)
idx="arr[1]"
echo "${!idx}"
prefix_a=1 prefix_b=2 prefix_c=3
echo ${!prefix_@}
for v in "${!prefix_*}"; do echo "[$v]"; done
declare -n nr=target
echo "nameref: $nr"
nr=changed
echo "target now: $target"
unset missing
echo "[${!missing}]"
echo "after: $?"
