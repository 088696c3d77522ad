true
echo "true: $?"
false
echo "false: $?"
:
echo "colon: $?"
! true
echo "not true: $?"
false
