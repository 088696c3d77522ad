kill -0 $$
echo "self alive: $?"
sleep 5 & p=$!
kill -0 $p && echo "child alive"
kill $p
wait $p
echo "killed child status: $?"
kill -0 $p 2>/dev/null
echo "dead child: $?"
kill -l 9
kill -l 15
kill -l TERM
kill -s BOGUS $$
echo "bad signal: $?"
