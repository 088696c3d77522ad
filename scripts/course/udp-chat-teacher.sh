#!/usr/bin/env tcpsh
# 基于 UDP 的完整通信：老师（接收方，收到后回复）。
# UDP chat, the side that waits: prints each datagram and answers its
# sender with the next line of standard input (type it on a terminal);
# once that ends, the course's answer "同学，你也好". Stops after "bye".
#   udp-chat-teacher.sh [PORT]     (default 9999; 0 picks a free port)
port=${1:-9999}
listen -u -p port "$port" || exit 1
sock=$REPLY
echo "老师上线了...监听 127.0.0.1:$port"
while IFS= read -r msg <&"$sock"; do
	echo "学生对我说：$msg"
	IFS= read -r reply || reply="同学，你也好"
	[ "$msg" = bye ] && reply=bye
	echo "$reply" >&"$sock" # 写：回复最后一个发送者
	[ "$msg" = bye ] && break
done
exec {sock}>&-
