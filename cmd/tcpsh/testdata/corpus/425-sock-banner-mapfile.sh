exec 3</dev/tcp/127.0.0.1/$BANNER_PORT
mapfile -t lines <&3
exec 3<&-
echo "${#lines[@]} lines"
for l in "${lines[@]}"; do echo "[${l%$'\r'}]"; done
