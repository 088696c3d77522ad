s=hello
echo ${#s}
e=
echo ${#e}
a=(one two three)
echo ${#a[@]} ${#a[1]}
set -- a b c d
echo ${#@} ${#*} ${#}
n=12345
echo ${#n}
