echo one two three
echo "last arg was: $_"
: final-word
echo "$_"
f() { :; }
f a b
echo "$_"
