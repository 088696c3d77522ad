x=global
f() { local x=local; echo "in f: $x"; g; }
g() { echo "in g (dynamic): $x"; }
f
echo "after: $x"
h() { local y; y=set; echo "h y=$y"; }
h
echo "y outside: [${y-unset}]"
k() { local -i n=5; n+=2; echo "n=$n"; local a=1 b=2; echo "$a$b"; }
k
