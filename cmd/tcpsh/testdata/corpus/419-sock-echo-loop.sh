exec 5<>/dev/tcp/127.0.0.1/$ECHO_PORT
for w in alpha beta gamma; do
  echo "$w" >&5
  read -r back <&5
  echo "sent $w got $back"
done
printf '%s\n' 1 2 3 >&5
for i in 1 2 3; do read -r -u 5 v; printf '%s ' "$v"; done; echo
exec 5<&-
