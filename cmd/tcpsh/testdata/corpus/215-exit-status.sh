f() { exit 4; }
(f)
echo "subshell exit: $?"
(exit 256)
echo "256: $?"
(exit -1)
echo "-1: $?"
echo "bye"
exit 13
echo never
