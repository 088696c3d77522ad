exec 3<>/dev/tcp/127.0.0.1/$ECHO_PORT
cat >&3 <<END
line one
line two
END
read -r a <&3; read -r b <&3
echo "$a + $b"
cat <<< "herestring" >&3
read -r c <&3
echo "$c"
exec 3<&-
