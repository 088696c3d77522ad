for (( i=0; i<10; i++ )); do
  (( i % 2 )) && continue
  (( i > 6 )) && break
  printf '%d ' $i
done; echo
for (( i=0, s=0; i<=100; s+=i, i++ )); do :; done
echo "sum=$s"
for (( ; ; )); do (( ++n >= 3 )) && break; done
echo "n=$n"
