let "x = 1 +"
echo "status: $?"
let
echo "no args: $?"
(( 08 ))
echo "bad octal: $?"
echo $(( 2#102 ))
echo "bad binary continues: $?"
