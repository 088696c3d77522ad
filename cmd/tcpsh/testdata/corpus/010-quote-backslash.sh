echo a\ b
echo \$HOME
echo \\
echo \"x\"
echo one\
two
echo "line\
continued"
echo 'no\
continue'
