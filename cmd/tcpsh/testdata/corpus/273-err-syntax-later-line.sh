echo "this line runs"
echo )
echo "never reached"
