#!/usr/bin/env tcpsh
# 多线程接收用户请求：服务器不宕机，每个客户端交给一个后台子 shell
# （相当于课程里的 ServerThread），并统计访问的用户数。
# The multi-client login server: accepts clients in a loop, hands each one
# to a background subshell that checks its name and password (as
# login-server.sh does) while the loop goes on accepting, and counts the
# clients served.
#   multi-server.sh [PORT] [MAX]   (default 8888; 0 picks a free port;
#                                   stops after MAX clients, 0 = never)
port=${1:-8888}
max=${2:-0}
listen -p port "$port" || exit 1
lfd=$REPLY
echo "启动服务器，监听 127.0.0.1:$port"

# serve checks one client's login; stdin and stdout are its connection.
serve() {
	local name pwd
	IFS= read -r name
	IFS= read -r pwd
	if [ "$name" = 娜娜 ] && [ "$pwd" = 123123 ]; then
		echo true
	else
		echo false
	fi
}

count=0 # 计数器，统计客户端的请求数
while [ "$max" -eq 0 ] || [ "$count" -lt "$max" ]; do
	accept -v conn -a peer "$lfd" || break
	serve <&"$conn" >&"$conn" & # new ServerThread(s).start()
	exec {conn}>&-              # the subshell has its own copy
	count=$((count + 1))
	echo "当前是第${count}个用户访问我们的服务器,对应的用户是：${peer%:*}"
done
wait
exec {lfd}>&-
echo "共服务 $count 个用户"
