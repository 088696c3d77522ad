echo "before cat"
cat
echo "these lines are printed by cat"
exit 9
