exec 3</dev/tcp/127.0.0.1/$BANNER_PORT
n=0
while read -r l; do n=$((n+1)); echo "$n ${l%$'\r'}"; done <&3
exec 3<&-
echo "count=$n"
while read -r l; do echo "${l%$'\r'}"; done < /dev/tcp/127.0.0.1/$BANNER_PORT
