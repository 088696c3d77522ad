sleep 5 &
p=$!
kill -TERM $p
wait $p
echo "wait on TERMed: $?"
sh -c 'kill -INT $$' &
wait $!
echo "background INT is ignored by async sh: $?"
sh -c 'kill -TERM $$'
