set -u
x=1
echo "$x"
echo "${unset_a:-default ok}"
echo "${unset_b-dash ok}"
arr=()
echo "empty array: ${#arr[@]}"
set -- 
echo "args: $#"
echo "$unset_var"
echo never
