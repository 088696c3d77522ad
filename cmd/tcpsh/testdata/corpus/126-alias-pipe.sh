shopt -s expand_aliases
alias upper='tr a-z A-Z'
alias count='wc -l | tr -d " "'
echo shout | upper
printf 'a\nb\nc\n' | count
alias both='echo x | upper'
both
