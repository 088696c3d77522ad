echo -n "no newline"; echo "|"
echo -e "tab\there\nnewline"
echo -E "raw\tescape"
echo "default\tno-escape"
echo -e "oct:\0101 hex:\x42 \\\\"
echo -e "stop\c here"
echo
echo -ne "a\tb\n"
echo -n -e "x\n"
echo -- -n
echo -x
echo -e '\e[1m' | od -An -c | tr -s ' '
