echo "a;b" 'c|d' "e&f" 'g>h' "i<j"
echo "#notcomment" #comment
echo a#b
echo '*' "?" "[a]"
echo "{a,b}" '~'
echo \* \? \[
