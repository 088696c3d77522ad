a=foo
echo pre"$a"post
echo "$a"'$a'$a
echo ${a}bar
echo $a_bar.
echo "$a"_bar
b=(1 2)
echo x"${b[@]}"y
