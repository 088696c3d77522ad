data="a,b;c d"
IFS=',;' 
for x in $data; do echo "[$x]"; done
IFS=$'\n'
lines=$'one two\nthree four'
for l in $lines; do echo "<$l>"; done
unset IFS
old=$IFS
echo "[${old-unset}]"
