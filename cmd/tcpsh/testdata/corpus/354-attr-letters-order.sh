# ${x@a} and declare -p list attributes in one order: aA i n r x lu.
declare -irx a=1; declare -lx b=X; declare -ilrx e=1; declare -ux g=a
declare -Arx h=([k]=v); declare -ar d=(1); declare -n c=b
echo "${a@a} ${b@a} ${e@a} ${g@a} ${h@a} ${d@a}"
declare -p a b e g h d c
glob_chars='a{b}^c'; shopt -s nullglob; echo x$glob_chars* "[$glob_chars]"
