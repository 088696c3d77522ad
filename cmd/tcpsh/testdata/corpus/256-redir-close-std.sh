echo "stdout closed" >&-
echo "status: $?"
ls /nonexistent_corpus 2>&-
echo "ls with closed stderr: $?"
cat <&- 
echo "cat with closed stdin: $?"
(exec 1>&-; echo x) 2>&1
echo end
