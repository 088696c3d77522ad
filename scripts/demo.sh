#!/usr/bin/env tcpsh
# A tour of tcpsh that needs no network: tcpsh serves a small web page on
# a free port of 127.0.0.1 from a background listen/accept loop, then
# does the course's /dev/tcp exercise against it step by step, showing
# the fd table (fd) and the sockets (lsof) along the way.
#   go run ./cmd/tcpsh scripts/demo.sh             # all local, ~0.1 s
#   go run ./cmd/tcpsh scripts/demo.sh HOST PORT   # the exercise against HOST:PORT
set -u

step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }
[ -t 1 ] || step() { printf '\n$ %s\n' "$*"; }

if [ $# -ge 2 ]; then
	host=$1 port=$2
else
	echo "== 1. the server: listen on a free port, serve a page in the background"
	step 'listen -p port 0'
	listen -p port 0 || exit 1 # port 0: the system picks a free port
	lfd=$REPLY
	host=127.0.0.1
	echo "listening on $host:$port, fd $lfd"

	# page answers one HTTP request on stdin/stdout.
	page() {
		local request header
		IFS= read -r request || return
		while IFS= read -r header && [ -n "${header%$'\r'}" ]; do :; done
		printf 'HTTP/1.0 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nServer: tcpsh-demo\r\nConnection: close\r\n\r\n'
		printf '<html><body><h1>你好，tcpsh</h1><p>%s, answered by listen/accept</p></body></html>\n' "${request%$'\r'}"
	}
	step 'while accept -v conn $lfd; do page <&$conn >&$conn; exec {conn}>&-; done &'
	while accept -v conn "$lfd"; do
		page <&"$conn" >&"$conn"
		exec {conn}>&-
	done &
	server=$!
	step fd
	fd
fi

echo
echo "== 2. the course exercise, step by step"
step "exec 8<> /dev/tcp/$host/$port"
exec 8<>"/dev/tcp/$host/$port" || exit 1
step 'fd 8; lsof -p $$ -a -i'
fd 8
lsof -p $$ -a -i
step 'echo -e "GET / HTTP/1.0\n" 1>& 8'
echo -e "GET / HTTP/1.0\n" 1>&8
step 'cat 0<& 8'
cat 0<&8
step 'fd 8'
fd 8 # the server has closed its end: CLOSE_WAIT
step 'exec 8<&-'
exec 8<&-

if [ -n "${server-}" ]; then
	echo
	echo "== 3. stop the server"
	step 'kill $server; wait; exec {lfd}>&-; fd'
	kill "$server"
	wait "$server"
	exec {lfd}>&-
	fd
fi
