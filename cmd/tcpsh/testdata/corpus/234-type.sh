shopt -s expand_aliases
alias myalias='echo hi'
myfn() { :; }
type myalias
type myfn | head -n 1
type echo
type if
type -t myalias myfn echo if
type -t sh
type -t nosuch_corpus_cmd
echo "status: $?"
type nosuch_corpus_cmd
echo "status: $?"
type -a true | grep -c builtin
