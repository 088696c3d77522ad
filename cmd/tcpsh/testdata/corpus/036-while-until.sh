i=0
while [ $i -lt 3 ]; do echo "while $i"; i=$((i+1)); done
until [ $i -eq 0 ]; do echo "until $i"; i=$((i-1)); done
while false; do :; done
echo "empty while: $?"
j=0
while (( j++ < 2 )); do echo "j=$j"; done
until true; do :; done
