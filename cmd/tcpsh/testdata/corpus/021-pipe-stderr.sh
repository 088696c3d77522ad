f() { echo out; echo err >&2; }
f |& sed 's/^/piped: /'
f 2>&1 | sort
{ echo a; echo b >&2; } |& wc -l | tr -d ' '
