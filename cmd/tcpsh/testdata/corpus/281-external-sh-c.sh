sh -c 'echo from sh; exit 3'
echo "status: $?"
sh -c 'echo "args: $0 $1 $2"' zero one two
sh -c 'kill -TERM $$'
echo "TERM death: $?"
sh -c 'kill -INT $$'
echo "INT death: $?"
sh -c 'exit 255'
echo "255: $?"
