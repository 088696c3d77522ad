[ 1 -eq ]
echo "status: $?"
[ abc -eq 1 ]
echo "status: $?"
[ 1 = 1
echo "status: $?"
test a b c
echo "status: $?"
[ -q x ]
echo "status: $?"
test 1 -lt 2 -a
echo "status: $?"
