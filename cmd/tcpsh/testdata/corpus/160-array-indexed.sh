a=(zero one two)
echo "${a[0]} ${a[2]} ${#a[@]}"
a[5]=five
echo "${#a[@]} ${!a[@]}"
echo "${a[@]}"
echo "$a"
a+=(six seven)
echo "${!a[@]}"
echo "${a[-1]} ${a[-2]}"
unset 'a[1]'
echo "${!a[@]}"
b=([3]=c [1]=a b)
echo "${!b[@]} ${b[*]}"
echo "${a[@]:1:2}"
