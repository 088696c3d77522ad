d=$(mktemp -d); cd "$d"
touch 'a b' 'c*d' '[x]'
for f in *; do echo "<$f>"; done
echo c\*d
ls c*d
echo \[x\]
cd /; rm -rf "$d"
