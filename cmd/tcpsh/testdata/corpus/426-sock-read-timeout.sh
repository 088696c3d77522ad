exec 3<>/dev/tcp/127.0.0.1/$ECHO_PORT
read -t 0.2 -r nothing <&3
s=$?
(( s > 128 )) && echo "timed out with status > 128"
echo "value: [$nothing]"
echo late >&3
read -t 5 -r got <&3
echo "then: $got ($?)"
exec 3<&-
