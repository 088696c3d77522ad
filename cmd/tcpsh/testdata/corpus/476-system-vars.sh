# The variables bash describes the machine with (portable scripts test
# them), GROUPS and SRANDOM.
[[ $OSTYPE == linux* ]] && echo "OSTYPE says linux"
[ "$HOSTTYPE" = "$(uname -m)" ] && echo "HOSTTYPE is uname -m"
[[ $MACHTYPE == "$HOSTTYPE"-*-"$OSTYPE" ]] && echo "MACHTYPE has both"
[ "$HOSTNAME" = "$(uname -n)" ] && echo "HOSTNAME is uname -n"
[ "${GROUPS[0]}" = "$(id -G | cut -d' ' -f1)" ] && echo "GROUPS starts with the first group"
echo "OPTERR=$OPTERR"
a=$SRANDOM b=$SRANDOM; [[ $a =~ ^[0-9]+$ && $a != "$b" ]] && echo "SRANDOM is random"
OPTERR=0; getopts a opt -b; echo "st=$? opt=$opt"
