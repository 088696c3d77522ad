cd() { echo "cd wrapper"; builtin cd "$@"; }
cd /
pwd
command cd /usr
pwd
unset -f cd
builtin nosuchbuiltin
echo "status: $?"
command nosuch_corpus_cmd
echo "status: $?"
command -p sh -c 'echo via command -p'
