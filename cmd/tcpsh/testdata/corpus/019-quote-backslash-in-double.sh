echo "\a\b\c"
echo "\\a"
echo "\$\`\"\\"
echo "\
joined"
echo "a\nb"
x='\n'
echo "$x" "${x}x"
