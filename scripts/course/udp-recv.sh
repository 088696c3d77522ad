#!/usr/bin/env tcpsh
# 基于 UDP 的单向通信：接收方（老师，课程里的 TestReceive）。
# UDP one-way, receiver: waits for one datagram and prints it.
#   udp-recv.sh [PORT]             (default 9999; 0 picks a free port)
port=${1:-9999}
listen -u -p port "$port" || exit 1 # new DatagramSocket(9999)
sock=$REPLY
echo "老师上线了...监听 127.0.0.1:$port"
IFS= read -r msg <&"$sock" # ds.receive(dp)：read 取一个数据包
echo "学生对我说：$msg"
exec {sock}>&-
