x=2
echo $(( $(echo 3) * x ))
echo $(( ${#x} + 1 ))
arr=(5 6 7)
i=1
echo $(( arr[i+1] * 2 ))
echo $(( arr[$i] ))
(( arr[0] += 10 ))
echo "${arr[0]}"
echo $(( $((1+1)) ** 3 ))
y='x*x'
echo $(( y + 1 ))
