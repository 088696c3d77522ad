for c in a B z Z é; do
  case $c in [a-z]) echo "$c in [a-z]";; *) echo "$c not in [a-z]";; esac
done
[[ b == [A-C] ]] && echo "b in [A-C]" || echo "b not in [A-C]"
