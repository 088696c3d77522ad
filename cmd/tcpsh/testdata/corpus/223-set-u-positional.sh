set -u
f() { echo "$1"; }
f given
(f)
echo "subshell status: $?"
(echo "${arr[0]}")
echo "array status: $?"
echo "$@ ok with no args"
