#!/usr/bin/env tcpsh
# A tour of tcpsh that needs no network: the shell, its fd table, and the
# /dev/tcp exercise when a server is given.
#   go run ./cmd/tcpsh scripts/demo.sh [HOST PORT]
set -u

echo "== tcpsh $TCPSH_VERSION: the bash people write"
greet() { local who=$1; printf 'hello, %s (%d chars)\n' "$who" "${#who}"; }
for who in world 世界; do greet "$who"; done
declare -A port=([http]=80 [redis]=6379)
for k in "${!port[@]}"; do echo "$k -> ${port[$k]}"; done | sort
echo "pipeline: $(printf '%s\n' c a b | sort | tr '\n' ' ')"

echo "== fds are channels in a table of the session"
tmp=$(mktemp)
exec 5>"$tmp"          # open a file on fd 5
exec 6>&5              # 6 shares 5's open file description
echo "written through 5" >&5
echo "written through 6" >&6
fd 5 6                 # the table: 6 shares 5's description ("= 5")
exec 5>&- 6>&-         # close both
cat "$tmp"
rm -f "$tmp"

if [ $# -ge 2 ]; then
	host=$1 port=$2
	echo "== the course exercise against $host:$port"
	exec 8<> "/dev/tcp/$host/$port"
	echo -e "GET / HTTP/1.0\r\nHost: $host\r\n\r" 1>& 8
	head -n 1 0<& 8
	exec 8<&-
else
	echo "== give HOST PORT to run the /dev/tcp exercise, e.g.:"
	echo "   go run ./cmd/tcpsh scripts/demo.sh 127.0.0.1 8080"
fi
