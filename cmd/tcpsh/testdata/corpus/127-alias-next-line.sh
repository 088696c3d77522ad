shopt -s expand_aliases
alias same='echo alias-expanded'; same 2>/dev/null || echo "not yet on same line"
same
f() { same; }
f
