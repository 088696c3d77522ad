a=(1 "two words" 'q"uote')
declare -p a
declare -A m=([k1]=v1)
declare -p m
declare -i i=3
declare -p i
declare -x X=exported
declare -p X
declare -r R=ro
declare -p R
s="str\"ing"
declare -p s
declare -a empty=()
declare -p empty
declare unsetdecl
declare -p unsetdecl
declare -p nosuch
echo "status: $?"
