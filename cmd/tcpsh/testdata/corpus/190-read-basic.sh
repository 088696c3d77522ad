read a b <<< "one two three"
echo "a=$a b=$b"
read -r line <<< 'back\slash \t kept'
echo "$line"
read line <<< 'back\slash \t removed'
echo "$line"
read a b c <<< "only"
echo "a=$a b=[$b] c=[$c]"
read x < /dev/null
echo "eof status: $? x=[$x]"
printf 'no-newline' | { read v; echo "status=$? v=$v"; }
