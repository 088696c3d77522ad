[[ a < B ]] && echo "a < B" || echo "a >= B"
[[ B < a ]] && echo "B < a" || echo "B >= a"
[ a \< B ] && echo "[ a < B ]" || echo "[ a >= B ]"
[[ é > z ]] && echo "é > z" || echo "é <= z"
printf '%s\n' b A a B | sort | tr '\n' ' '; echo
