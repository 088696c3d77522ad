export CORPUS_A=1
CORPUS_B=2 env | grep '^CORPUS_' | sort
env -i CORPUS_C=3 sh -c 'echo "only C: ${CORPUS_A-none} $CORPUS_C"'
env CORPUS_A=override sh -c 'echo $CORPUS_A'
unset CORPUS_A
env | grep -c '^CORPUS_A=' 
