#!/usr/bin/env tcpsh
# 基于 UDP 的完整通信：学生（发送方，发送后等待回复）。
# UDP chat, the side that starts: sends each MESSAGE (or each line of
# standard input) as a datagram, prints the answer, stops after "bye".
# Gives up on an answer after 5 seconds (UDP may lose datagrams).
#   udp-chat-student.sh [HOST] [PORT] [MESSAGE...]
# Defaults: 127.0.0.1, 9999.
host=${1:-127.0.0.1}
port=${2:-9999}
shift $(($# < 2 ? $# : 2))
echo "学生上线..."
exec 3<>"/dev/udp/$host/$port" || exit 1
say() {
	echo "$1" >&3
	if ! IFS= read -r -t 5 answer <&3; then
		echo "老师没有回复" >&2
		return 1
	fi
	echo "老师对我说：$answer"
	[ "$1" != bye ]
}
if [ $# -gt 0 ]; then
	for m in "$@"; do say "$m" || break; done
else
	while IFS= read -r m; do say "$m" || break; done
fi
exec 3>&-
