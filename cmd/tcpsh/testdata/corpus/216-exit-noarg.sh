false
(exit)
echo "exit without arg keeps status: $?"
true
(false; exit)
echo "$?"
exit abc
