echo piped | cat
echo piped | cat -
echo piped | cat - -
cat <<< "herestring" - 
printf 'no newline' | cat -A; echo
printf 'x\n' | cat -n -
