echo before
nosuch_corpus_command arg
echo "status: $?"
f() { another_missing_cmd; }
f
echo "in function: $?"
./not_here_corpus
echo "relative path: $?"
/nonexistent/dir/cmd
echo "absolute path: $?"
nosuch_final_cmd
