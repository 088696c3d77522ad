#!/usr/bin/env tcpsh
# 基于 UDP 的单向通信：发送方（学生，课程里的 TestSend）。
# UDP one-way, sender: sends MESSAGE as one datagram.
#   udp-send.sh [HOST] [PORT] [MESSAGE]
# Defaults: 127.0.0.1, 9999, 你好.
host=${1:-127.0.0.1}
port=${2:-9999}
msg=${3:-你好}
echo "学生上线..."
exec 3<>"/dev/udp/$host/$port" || exit 1 # DatagramSocket + 目标地址
echo "$msg" >&3                          # ds.send(dp)：一次 echo 一个数据包
exec 3>&-
