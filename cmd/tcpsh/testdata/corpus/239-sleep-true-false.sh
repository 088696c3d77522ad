sleep 0.01
echo "sleep status: $?"
sleep 0
echo "sleep 0: $?"
sleep abc 2>/dev/null
echo "bad sleep status nonzero: $(( $? != 0 ))"
command true; echo "command true: $?"
command false; echo "command false: $?"
/bin/true; echo "bin true: $?"
/bin/false; echo "bin false: $?"
