v=1
echo {$v,2}
echo {1..$v}
echo {z..w}
echo {A..E..-2}
echo \{a,b\}
a=(x{1..3})
echo "${#a[@]} ${a[*]}"
echo {a,b}\ c
