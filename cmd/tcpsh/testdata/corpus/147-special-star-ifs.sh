set -- a b c
IFS=-; echo "$*"
IFS=; echo "$*"
IFS=':;'; echo "$*"
unset IFS; echo "$*"
IFS=' '; x="$*"; echo "$x"
f() { local IFS=+; echo "$*"; }
f 1 2 3
echo "$*"
