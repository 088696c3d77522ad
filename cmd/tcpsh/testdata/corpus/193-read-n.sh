read -n 3 x <<< "abcdef"
echo "[$x]"
read -N 4 y <<< "ab
cd"
echo "[$y]" | od -An -c | tr -s ' '
read -n 10 z <<< "short"
echo "[$z]"
read -n 2 a b <<< "xyz"
echo "[$a] [$b]"
read -N 2 -r w <<< '\n'
echo "[$w]"
read -n 0 q <<< "abc"
echo "n0 status=$? [$q]"
