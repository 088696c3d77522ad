#!/usr/bin/env tcpsh
# 基于 TCP 的双向通信：客户端。
# TCP two-way messages, client side: sends each MESSAGE (or, without any,
# each line of standard input), prints the server's answer to each, and
# stops after "bye".
#   tcp-chat-client.sh [HOST] [PORT] [MESSAGE...]
# Defaults: 127.0.0.1, 8888. Runs under tcpsh and under bash.
host=${1:-127.0.0.1}
port=${2:-8888}
shift $(($# < 2 ? $# : 2))
exec 8<>"/dev/tcp/$host/$port" || exit 1
say() {
	echo "$1" >&8
	IFS= read -r answer <&8 || {
		echo "服务器已断开" >&2
		return 1
	}
	printf '服务器对我说\t%s\n' "$answer"
	[ "$1" != bye ]
}
if [ $# -gt 0 ]; then
	for m in "$@"; do say "$m" || break; done
else
	while IFS= read -r m; do say "$m" || break; done
fi
exec 8<&-
