exec 3<>/dev/tcp/127.0.0.1/$ECHO_PORT
( echo "from subshell" >&3 )
read -r a <&3
echo "$a"
{ echo "from group"; } >&3
read -r b <&3
echo "$b"
x=$(echo "from cmdsub" >&3; echo captured)
read -r c <&3
echo "$c / $x"
exec 3<&-
