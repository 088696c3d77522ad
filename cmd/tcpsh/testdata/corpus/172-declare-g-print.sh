f() { declare -g G=global-from-f; declare L=local-in-f; }
f
echo "G=$G L=[${L-unset}]"
declare -i -x ix=7
declare -p ix
typeset t=typeset
declare -p t
declare -a arr
arr[2]=x
declare -p arr
