a=1 b=2
[[ $a == 1 && $b == 2 ]] && echo and
[[ $a == 0 || $b == 2 ]] && echo or
[[ ! $a == 0 ]] && echo not
[[ ( $a == 0 || $b == 2 ) && $a == 1 ]] && echo parens
[[ $a -eq 1 && $b -gt $a ]] && echo numeric
[[ 010 -eq 8 ]] && echo "octal in -eq" || echo "decimal in -eq"
[[ 1+1 -eq 2 ]] && echo "arith in -eq"
[[ -v a ]] && echo "-v set"
[[ -v nosuch ]] || echo "-v unset"
[[ -o noglob ]] || echo "noglob off"
[[ $a == 1 && $b == 3 ]]
