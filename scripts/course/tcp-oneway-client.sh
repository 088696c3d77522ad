#!/usr/bin/env tcpsh
# 基于 TCP 的单向通信：客户端（课程里的 TestClient）。
# TCP one-way message, client side: connects, sends one line, closes.
#   tcp-oneway-client.sh [HOST] [PORT] [MESSAGE]
# Defaults: 127.0.0.1, 8888, 你好. Runs under tcpsh and under bash.
host=${1:-127.0.0.1}
port=${2:-8888}
msg=${3:-你好}
exec 8<>"/dev/tcp/$host/$port" || exit 1 # 1. new Socket(host, 8888)
echo "$msg" >&8                          # 2. 向外发送数据
exec 8<&-                                # 3. 关闭
