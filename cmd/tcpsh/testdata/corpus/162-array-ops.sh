a=(one two three)
echo "${a[@]/o/0}"
echo "${a[@]#t}"
echo "${a[@]^^}"
echo "${#a[1]}"
b=("${a[@]}")
b[0]=changed
echo "${a[0]} ${b[0]}"
c=(${a[@]:1})
echo "${c[@]}"
IFS=, ; echo "${a[*]}"; unset IFS
s="x y z"; arr=($s); echo "${#arr[@]}"
arr[1]+=suffix; echo "${arr[1]}"
echo "${a[@]: -1}"
