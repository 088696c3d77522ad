printf '%d\n' abc
echo "status: $?"
printf '%d\n' 12abc
echo "status: $?"
printf '%d\n' 0x1G
echo "status: $?"
printf '%z\n' 1
echo "status: $?"
printf '%d %d\n' 1 "'A"
printf '%d\n' ' 7'
printf '%d\n' 99999999999999999999
echo "status: $?"
