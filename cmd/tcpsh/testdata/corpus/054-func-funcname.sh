inner() { echo "${FUNCNAME[0]} called by ${FUNCNAME[1]} depth ${#FUNCNAME[@]}"; }
outer() { echo "${FUNCNAME[*]}"; inner; }
outer
echo "top: [${FUNCNAME[*]-}]"
