cb() { echo "callback idx=$1 line=[$2]"; }
mapfile -t -c 1 -C cb arr <<< $'a\nb\nc'
echo "${arr[*]}"
mapfile -t -n 0 all < <(printf '%s\n' 1 2 3)
echo "${#all[@]}"
mapfile -t x < <(printf 'no newline')
echo "[${x[0]}]"
