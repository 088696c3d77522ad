exec 3<>/dev/tcp/127.0.0.1/$ECHO_PORT
exec 4>&3
exec 3>&-
echo "via dup" >&4
exec 5<&4-
read -r r <&5
echo "read on moved fd: $r"
echo x >&4
echo "4 after move: $?"
echo x >&3
echo "3 after close: $?"
exec 5<&-
