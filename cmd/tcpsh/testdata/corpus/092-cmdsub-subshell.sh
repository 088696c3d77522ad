v=1
r=$(v=2; echo $v)
echo "r=$r v=$v"
cd /
r=$(cd /usr; pwd)
echo "$r $(pwd)"
out=$(echo out; echo err >&2)
echo "captured: $out"
both=$(echo o; echo e >&2) 2>/dev/null
echo "both: $both"
all=$( { echo o; echo e >&2; } 2>&1 )
echo "all: $all" | tr '\n' ' '; echo
