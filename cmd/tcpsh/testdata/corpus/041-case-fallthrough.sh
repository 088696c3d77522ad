for v in a b c; do
  case $v in
    a) echo "a matched";&
    b) echo "b body (via $v)";;
    c) echo "c first";;&
    c|d) echo "c again";;&
    *) echo "star for $v";;
  esac
done
