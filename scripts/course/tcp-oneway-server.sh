#!/usr/bin/env tcpsh
# 基于 TCP 的单向通信：服务端（课程里的 TestServer）。
# TCP one-way message, server side: waits for one client, prints the line
# it sends, and exits.
#   tcp-oneway-server.sh [PORT]     (default 8888; 0 picks a free port)
# The first line printed names the address, so that a client (or a test)
# can find a free port chosen with 0. Start the server first, then
# tcp-oneway-client.sh.
port=${1:-8888}
listen -p port "$port" || exit 1 # 1. ServerSocket ss = new ServerSocket(8888)
lfd=$REPLY
echo "服务器启动，监听 127.0.0.1:$port"
accept -v conn "$lfd" || exit 1 # 2. Socket s = ss.accept(): 阻塞，等待客户端
IFS= read -r msg <&"$conn"      # 3-4. 读取客户端发来的数据
echo "客户端发来的数据为$msg"
exec {conn}>&- {lfd}>&- # 5. 关闭网络资源
