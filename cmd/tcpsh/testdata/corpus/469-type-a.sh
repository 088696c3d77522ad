# type -a lists every command a name could run; aliases count only where
# they are expanded.
ls / >/dev/null
type -a ls; type -at ls echo; type -ap ls echo; type -aP echo
f() { :; }; type -a f
type -a nope; echo "st=$?"
type -a if; type -at if
alias ll=x
type ll; echo "st=$?"; command -v ll; echo "st=$?"
shopt -s expand_aliases
alias ll=x
type ll; type -a ll; type -t ll
