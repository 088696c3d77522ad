s=$(ulimit -S -n)
h=$(ulimit -H -n)
[[ $s =~ ^[0-9]+$ ]] && echo "soft numeric"
if [ "$h" = unlimited ] || [ "$s" -le "$h" ]; then echo "soft <= hard"; fi
[ "$(ulimit -n)" = "$s" ] && echo "default is soft"
(ulimit -S -n 64; ulimit -n)
ulimit -n bogus
echo "status: $?"
