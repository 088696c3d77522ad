echo "$-" | grep -q h && echo "hashall in \$-"
case $- in *i*) echo interactive;; *) echo non-interactive;; esac
set -u; case $- in *u*) echo "u in \$-";; esac; set +u
[[ $BASHPID =~ ^[0-9]+$ ]] && echo "BASHPID numeric"
[ "$PPID" -gt 0 ] && echo "PPID positive"
[ -n "$PWD" ] && echo "PWD set"
[ "$PWD" = "$(pwd)" ] && echo "PWD matches pwd"
echo "${#BASH_SOURCE[@]}"
echo "$SHLVL" | grep -qE '^[0-9]+$' && echo "SHLVL numeric"
