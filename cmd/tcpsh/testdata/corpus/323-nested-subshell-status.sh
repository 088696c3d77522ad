( ( (exit 3) ); echo "inner: $?"; exit 4 )
echo "outer: $?"
( false | true ) && echo "pipeline status in subshell: 0"
x=$( (exit 2); echo "after inner $?" )
echo "$x"
{ (exit 5); } || echo "group propagates: $?"
( exit $(( 2 + 3 )) )
