declare -r ro=1
declare -a ar=(1)
declare -A as=([k]=v)
declare -x ex=1
echo "${ro@a} ${ar@a} ${as@a} ${ex@a}"
v=hello
echo "${v@A}"
arr=(a b)
echo "${arr[@]@A}"
