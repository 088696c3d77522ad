# An eval of raw bytes and a syntax error that shows them
eval "x=éé; echo \${#x}"
echo "café (
