d=$(mktemp -d); cd "$d"
for i in 3 1 2; do ( sleep 0.0$i; echo "job $i" > "out$i" ) & done
wait
cat out1 out2 out3
{ echo "group in background"; } > bg.txt &
wait $!
cat bg.txt
cd /; rm -rf "$d"
