(( 1 + ))
echo "status: $?"
echo $(( 2 +* 3 ))
echo "script continues: $?"
