x="outer $(echo "inner $(echo 'deep' "deeper")")"
echo "$x"
y='a'"b"'c'$'d'
echo "$y"
echo "$(echo '"')"
echo "'$(echo "'")'"
z="$(printf '%s' "a  b")"
echo "[$z]"
