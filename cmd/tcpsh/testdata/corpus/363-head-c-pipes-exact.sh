# head -c N reads exactly N bytes, so what follows stays in the pipe.
printf 'abcdefgh' | { head -c 3; echo; cat; echo; }
printf 'one\ntwo\n' | { head -c 4; read -r x; echo "[$x]"; }
printf 'xyz' | { head -c 0; head -c 10; echo; head -c 1; echo "st=$?"; }
printf '123456' | { head -c 2 >/dev/null; head -c 2; echo; }
