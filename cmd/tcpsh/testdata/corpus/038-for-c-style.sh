for ((i=0; i<3; i++)); do echo "i=$i"; done
for ((i=10, j=0; i>j; i-=4, j++)); do echo "$i $j"; done
for ((;;)); do echo once; break; done
for (( k = 1 ; k <= 8 ; k *= 2 )) ; do printf '%d ' $k; done; echo
echo "final i=$i"
