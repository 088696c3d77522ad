# UID, EUID and PPID are readonly integers; declare and set errors give
# bash's usage lines and statuses.
[ "$EUID" -ge 0 ] && echo "EUID is a number"
[ "$UID" = "$(id -u)" ] && echo "UID is id -u"
declare -p UID EUID | sed 's/"[0-9]*"/N/'
UID=5; echo "st=$?"
(unset EUID); echo "st=$?"
(PPID=1); echo "st=$?"
declare -Z x; echo "st=$?"
export -Z x; echo "st=$?"
readonly -Z x; echo "st=$?"
set -o nosuchopt; echo "st=$?"
