echo "head reads the next line:"
head -n 1
this is the line for head
echo "after head"
