set_var() { local -n ref=$1; ref="set by nameref"; }
set_var target
echo "$target"
append() { local -n arr=$1; arr+=("$2"); }
list=(a)
append list b
append list c
echo "${list[@]}"
declare -n alias_to=list
echo "${#alias_to[@]}"
declare -p alias_to
