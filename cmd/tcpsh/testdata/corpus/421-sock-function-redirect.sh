exec 3<>/dev/tcp/127.0.0.1/$ECHO_PORT
send() { echo "$*"; } 
send hello world >&3
read -r r <&3
echo "$r"
ask() { echo "$1" >&3; read -r reply <&3; echo "reply=$reply"; }
ask question
exec 3<&-
