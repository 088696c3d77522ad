A=1 sh -c 'echo "child sees A=$A"'
echo "parent A=[${A-unset}]"
A=1 B=two sh -c 'echo "$A $B"'
X=outer
X=inner sh -c 'echo "child X=$X"'
echo "parent X=$X"
