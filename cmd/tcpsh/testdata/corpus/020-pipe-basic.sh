echo hello | tr a-z A-Z
printf 'b\na\nc\n' | sort | head -n 2
echo one two three | wc -w | tr -d ' '
printf 'x\ny\n' | while read -r l; do echo "got $l"; done
echo done | cat | cat | cat
