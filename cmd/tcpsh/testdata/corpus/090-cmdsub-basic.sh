x=$(echo hello)
echo "x=$x"
y=`echo backtick`
echo "y=$y"
echo "trailing newlines stripped: [$(printf 'a\n\n\n')]"
echo "inner newline kept: [$(printf 'a\nb')]"
echo "status of assignment: $(exit 3)"
z=$(exit 4)
echo "z status: $?"
echo $(echo a   b)
echo "$(echo a   b)"
