d=$(mktemp -d); cd "$d"
exec 3>log
echo a >&3
exec 4>&3
echo b >&4
exec 3>&-
echo c >&4
exec 4>&-
cat log
echo x >&3
echo "write to closed: $?"
exec 5<log
exec 6<&5
read -r first <&6
echo "dup read: $first"
exec 5<&- 6<&-
cd /; rm -rf "$d"
