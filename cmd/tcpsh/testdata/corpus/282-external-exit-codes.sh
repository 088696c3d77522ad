true; echo $?
false; echo $?
command -p false; echo $?
sh -c 'false'; echo $?
ls /nonexistent_corpus_path >/dev/null 2>&1; echo "ls: $?"
grep -q nothing /dev/null; echo "grep: $?"
expr 1 + 1
expr 0 + 0; echo "expr zero: $?"
test -n ""; echo $?
