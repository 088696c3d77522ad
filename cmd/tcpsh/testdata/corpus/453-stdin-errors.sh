echo start
nosuch_stdin_cmd
echo "status: $?"
cd /nonexistent_dir_corpus
false
