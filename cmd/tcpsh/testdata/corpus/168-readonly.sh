readonly R=fixed
echo "$R"
R=changed
echo "status after assign: $?"
echo "$R"
declare -r R2=x
unset R2
echo "unset status: $?"
readonly -p | grep -E 'R2?='
f() { local R=shadow; }
f
echo "local shadow status: $?"
R=again
echo "not reached"
