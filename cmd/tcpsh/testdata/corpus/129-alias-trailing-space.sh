shopt -s expand_aliases
alias run='echo run: '
alias word='expanded-word'
run word
alias plain='echo plain:'
plain word
alias -p | grep run
type run
