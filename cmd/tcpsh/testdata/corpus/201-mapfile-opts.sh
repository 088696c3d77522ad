seq 10 > /dev/null
mapfile -t -n 3 a < <(seq 10)
echo "n3: ${a[*]}"
mapfile -t -s 7 b < <(seq 10)
echo "s7: ${b[*]}"
mapfile -t -d , c <<< "x,y,z"
declare -p c
pre=(p0 p1 p2)
mapfile -t -O 1 pre < <(echo new1; echo new2)
echo "O1: ${pre[*]}"
mapfile -t -C 'echo cb' -c 2 d < <(seq 5)
echo "${d[*]}"
