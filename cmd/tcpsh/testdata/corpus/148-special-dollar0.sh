echo "${0##*/}"
f() { echo "in function: ${0##*/}"; }
f
case $0 in /*) echo "absolute";; *) echo "relative";; esac
