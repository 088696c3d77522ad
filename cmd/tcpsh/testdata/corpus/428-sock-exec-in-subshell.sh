( exec 3<>/dev/tcp/127.0.0.1/$ECHO_PORT; echo sub >&3; read -r r <&3; echo "in subshell: $r" )
echo outside >&3
echo "fd 3 outside: $?"
