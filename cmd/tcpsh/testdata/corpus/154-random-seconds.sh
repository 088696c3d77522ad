r=$RANDOM
[[ $r =~ ^[0-9]+$ ]] && (( r >= 0 && r <= 32767 )) && echo "RANDOM in range"
r2=$RANDOM
[[ $r2 =~ ^[0-9]+$ ]] && echo "second RANDOM numeric"
[[ $SECONDS =~ ^[0-9]+$ ]] && echo "SECONDS numeric"
SECONDS=100
(( SECONDS >= 100 && SECONDS < 110 )) && echo "SECONDS assignable"
RANDOM=42; a=$RANDOM; RANDOM=42; b=$RANDOM
[ "$a" = "$b" ] && echo "seeded RANDOM repeats"
