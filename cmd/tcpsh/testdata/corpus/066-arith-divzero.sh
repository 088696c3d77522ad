x=0
echo $(( 5 / x ))
echo "after div: $?"
(( 5 % 0 ))
echo "after mod: $?"
echo "still running"
echo $(( 5 / 0 ))
echo "script continues: $?"
