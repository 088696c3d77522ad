d=$(mktemp -d); cd "$d"
touch f1 f2
x=*
echo "assignment keeps star: $x"
echo $x
arr=(*)
echo "array: ${#arr[@]} ${arr[1]}"
set -f
echo *
set +f
echo f?
cd /; rm -rf "$d"
