shopt -s expand_aliases
alias hi='echo hello'
hi there
alias ll='echo listing'
ll
alias
unalias ll
ll 2>/dev/null
echo "after unalias: $?"
