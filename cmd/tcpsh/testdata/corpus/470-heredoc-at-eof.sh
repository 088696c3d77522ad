# A here-document whose delimiter never comes ends at the end of the
# script, with a warning, as in bash.
echo before
x=1
cat <<EOF
line $x at $LINENO
$((x + 1))
