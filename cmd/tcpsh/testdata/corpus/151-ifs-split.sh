s="  a  b   c  "
set -- $s; echo "$# [$1] [$3]"
IFS=: 
p="x::y:"
set -- $p; echo "$#"; for a; do echo "[$a]"; done
IFS=' :'
q=" x : y ::z "
set -- $q; echo "$#"; for a; do echo "[$a]"; done
IFS=
set -- $s; echo "empty IFS: $#"
unset IFS
set -- $s; echo "unset IFS: $#"
