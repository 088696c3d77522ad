# EPOCHSECONDS and EPOCHREALTIME (bash 5), and LINENO as a name in
# arithmetic.
[[ $EPOCHSECONDS =~ ^[0-9]+$ ]] && echo "EPOCHSECONDS is a number"
[[ $EPOCHREALTIME =~ ^[0-9]+\.[0-9]{6}$ ]] && echo "EPOCHREALTIME has microseconds"
a=$EPOCHSECONDS b=${EPOCHREALTIME%.*}; echo "close: $(( b - a <= 1 ))"
echo "$(( EPOCHSECONDS > 1700000000 ))"
echo "line $((LINENO)) $((LINENO + 1))"
f() {
	echo "in f: $((LINENO))"
}
f
