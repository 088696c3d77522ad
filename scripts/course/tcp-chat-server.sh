#!/usr/bin/env tcpsh
# 基于 TCP 的双向通信：服务端。
# TCP two-way messages, server side: serves one client; prints every line
# the client sends and answers it, until the client says "bye" or closes.
# Each answer is the next line of this script's standard input (type it
# when run on a terminal); once that ends, the course's answer
# "你好，我是服务器，我接收到你的请求了".
#   tcp-chat-server.sh [PORT]      (default 8888; 0 picks a free port)
port=${1:-8888}
listen -p port "$port" || exit 1
lfd=$REPLY
echo "服务器启动，监听 127.0.0.1:$port"
accept -v conn "$lfd" || exit 1
exec {lfd}>&- # one client only: stop listening
while IFS= read -r msg <&"$conn"; do
	echo "客户端发来的数据为$msg"
	IFS= read -r reply || reply="你好，我是服务器，我接收到你的请求了"
	[ "$msg" = bye ] && reply=bye
	echo "$reply" >&"$conn"
	[ "$msg" = bye ] && break
done
exec {conn}>&-
