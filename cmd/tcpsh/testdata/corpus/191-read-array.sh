read -r -a arr <<< "  a b   c  "
echo "${#arr[@]}: ${arr[*]}"
read -a arr2 <<< ""
echo "empty: ${#arr2[@]}"
IFS=, read -ra parts <<< "x,y,,z"
declare -p parts
