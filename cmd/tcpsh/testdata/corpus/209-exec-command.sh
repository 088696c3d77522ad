echo before
( exec echo "exec replaces subshell"; echo never )
echo "status: $?"
( exec sh -c 'exit 5' )
echo "sh status: $?"
exec nosuchprog_corpus
echo "not reached"
