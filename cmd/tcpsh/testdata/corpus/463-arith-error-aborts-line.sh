# An arithmetic error in an expansion abandons the rest of its line (the
# next line runs, $? is 1); in (( )), let and [[ ]] it only fails that
# command.
echo $((1/0)); echo "same line"
echo "next line: $?"
x=$((2**-1)); echo "same line"
echo "after assignment: $?"
declare -i n; n=1/0; echo "same line"
echo "after declare -i: $?"
f() { echo $((1/0)); echo "rest of f"; }; f; echo "same line"
echo "after f: $?"
(( 1/0 )); echo "(( )): $?"
let "y=1/0"; echo "let: $?"
[[ 1/0 -eq 1 ]]; echo "[[ ]]: $?"
for i in 1 2; do echo $((i/0)); echo "loop body"; done
echo end
