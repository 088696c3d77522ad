#!/usr/bin/env tcpsh
# 登录验证客户端：录入账号和密码，发给服务端，显示结果。
# The login exercise, client side: sends NAME and PASSWORD (asked for on
# standard input when not given) and prints 登录成功 or 登录失败; exits
# 0 or 1 accordingly. Works with login-server.sh and multi-server.sh.
#   login-client.sh [HOST] [PORT] [NAME [PASSWORD]]
# Defaults: 127.0.0.1, 8888. Runs under tcpsh and under bash.
host=${1:-127.0.0.1}
port=${2:-8888}
name=$3
pwd=$4
if [ $# -lt 3 ]; then
	echo "请录入您的账号："
	IFS= read -r name || exit 1
fi
if [ $# -lt 4 ]; then
	echo "请录入您的密码："
	IFS= read -r pwd || exit 1
fi
exec 8<>"/dev/tcp/$host/$port" || exit 1
printf '%s\n%s\n' "$name" "$pwd" >&8
IFS= read -r flag <&8
exec 8<&-
if [ "$flag" = true ]; then
	echo "登录成功"
else
	echo "登录失败"
	exit 1
fi
