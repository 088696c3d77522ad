echo ping > /dev/udp/127.0.0.1/$UDP_PORT
echo "udp send status: $?"
exec 3<>/dev/udp/127.0.0.1/$UDP_PORT
echo "udp open status: $?"
printf 'one datagram\n' >&3
echo "write status: $?"
exec 3<&-
