coproc CP { read -r line; echo "coproc got: $line"; read -r _; exit 6; }
p=$CP_PID
in=${CP[1]} out=${CP[0]}
echo hello >&"$in"
read -r reply <&"$out"
echo "$reply"
echo bye >&"$in"
wait "$p"
echo "coproc status: $?"
