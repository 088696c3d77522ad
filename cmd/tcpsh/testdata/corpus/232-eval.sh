cmd='echo evaluated'
eval "$cmd"
eval 'x=5; y=$((x*2))'
echo "$y"
var=name
eval "$var=dynamic"
echo "$name"
eval echo '$'var
eval "false"
echo "eval status: $?"
eval
echo "empty eval: $?"
eval 'if'
echo "syntax error in eval: $?"
