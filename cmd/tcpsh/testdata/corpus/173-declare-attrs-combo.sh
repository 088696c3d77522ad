declare -l lower="MiXeD"
declare -u upper="MiXeD"
echo "$lower $upper"
lower+="ABC"
echo "$lower"
declare -i -a nums=(1+1 2*3)
echo "${nums[@]}"
declare -a arr=(x)
declare -p arr nums
declare -x -i xi=4
sh -c 'echo "child xi=$xi"'
