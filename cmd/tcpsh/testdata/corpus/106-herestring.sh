cat <<< "here string"
read -r a b <<< "one two three"
echo "a=$a b=$b"
x=val
cat <<< $x
cat <<< "$x with $((1+1))"
wc -c <<< "abc" | tr -d ' '
cat <<< ''
tr a-z A-Z <<<'lower'
