x=3 y=4
echo $(( x*x + y*y ))
echo $(( $x + $y ))
z="x + y"
echo $(( z * 2 ))
unset u
echo $(( u + 1 ))
e=
echo $(( e + 2 ))
s=x
echo $(( s + 1 ))
declare -i di
di="2 + 3"
echo $di
a=(10 20 30)
echo $(( a[1] + a[2] )) $(( ${#a[@]} * 2 ))
