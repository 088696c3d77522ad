IFS=' ,'
s=' a , b,,c , '
set -- $s
echo "$#"
for a; do printf '[%s]' "$a"; done; echo
IFS=','
set -- $s
echo "$#"
for a; do printf '[%s]' "$a"; done; echo
