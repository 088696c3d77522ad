read <<< "  spaced reply  "
echo "[$REPLY]"
read -r <<< 'back\slash'
echo "[$REPLY]"
read x <<< "named"
echo "REPLY unchanged: [$REPLY] x=$x"
