#!/usr/bin/env tcpsh
# 单线程接收用户请求：登录验证服务端。
# The login exercise, server side: serves one client, which sends a name
# and a password on two lines; answers "true" if they are 娜娜 and 123123
# (the course's user), else "false" (the course's writeBoolean).
#   login-server.sh [PORT]         (default 8888; 0 picks a free port)
port=${1:-8888}
listen -p port "$port" || exit 1
lfd=$REPLY
echo "服务器启动，监听 127.0.0.1:$port"
accept -v conn "$lfd" || exit 1
IFS= read -r name <&"$conn"
IFS= read -r pwd <&"$conn"
if [ "$name" = 娜娜 ] && [ "$pwd" = 123123 ]; then
	flag=true
else
	flag=false
fi
echo "$flag" >&"$conn"
echo "用户 $name 登录：$flag"
exec {conn}>&- {lfd}>&-
