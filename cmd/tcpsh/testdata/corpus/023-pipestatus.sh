true | false | true
echo "${PIPESTATUS[@]}"
(exit 3) | (exit 4) | (exit 0)
echo "${PIPESTATUS[*]} count=${#PIPESTATUS[@]}"
false
echo "${PIPESTATUS[@]}"
echo x | grep -q x
echo "${PIPESTATUS[0]} ${PIPESTATUS[1]}"
(exit 7) | (exit 9)
