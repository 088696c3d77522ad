mapfile lines <<< $'a\nb\nc'
echo "${#lines[@]}"
printf '[%s]' "${lines[@]}"; echo
mapfile -t t <<< $'a\nb\nc'
printf '[%s]' "${t[@]}"; echo
readarray -t r < <(printf 'x\ny\n')
declare -p r
mapfile -t e < /dev/null
echo "empty: ${#e[@]}"
mapfile < <(printf 'one\ntwo\n')
echo "MAPFILE: ${MAPFILE[1]}"
