read -r line
this line is data for read, not a command
echo "read got: $line"
read -r a b
alpha beta
echo "a=$a b=$b"
