# {var} fds run out at the open-files limit with bash's messages; closing
# them gives the numbers back and programs start again. (Starting a
# program with every number in use is a listed difference: tcpsh's own
# hidden fds count against the limit.)
ulimit -n 32
opened=()
for i in $(seq 3 40); do exec {fd}>/dev/null || { echo "failed at $i"; break; }; opened+=("$fd"); done
echo "last=$fd count=${#opened[@]}"
exec 40>/dev/null; echo "status $?"
for fd in "${opened[@]}"; do exec {fd}>&-; done
exec {fd}>/dev/null; echo "reused $fd"
seq 1 2
