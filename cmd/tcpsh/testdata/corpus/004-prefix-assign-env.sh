FOO_CORPUS=bar env | grep '^FOO_CORPUS='
env | grep -c '^FOO_CORPUS=' 
FOO_CORPUS=1 FOO_CORPUS2=2 env | grep '^FOO_CORPUS' | sort
exit 0
