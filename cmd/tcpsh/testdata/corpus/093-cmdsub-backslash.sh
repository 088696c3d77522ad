echo `echo '\$x'`
echo $(echo '\$x')
echo "`echo \"dq in bt\"`"
echo `echo a\\\\b`
echo $(echo a\\\\b)
