set -- a b c d e f g h i j k l
echo "$10" "${10}" "${11}" "${12}"
echo "$#"
shift
echo "after shift: $1 ${11} $#"
shift 3
echo "after shift 3: $1 $#"
shift 100
echo "shift too far: $? $#"
shift 0
echo "shift 0: $?"
set --
echo "empty: $#"
shift
echo "shift on empty: $?"
