declare -x D1=one
export E1=two
E2=three; export E2
plain=four
sh -c 'echo "D1=$D1 E1=$E1 E2=$E2 plain=[$plain]"'
export -n E1
sh -c 'echo "E1 after export -n: [$E1]"'
export -p | grep -E ' (D1|E2)='
f() { export INF=fromfunc; }
f
sh -c 'echo "INF=$INF"'
