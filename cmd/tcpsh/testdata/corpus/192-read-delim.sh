read -r -d ';' first <<< "one;two;three"
echo "[$first]"
printf 'a\0b\0' | { read -r -d '' x; read -r -d '' y; echo "$x $y"; }
read -d '' all <<< "multi
line"
echo "status=$? all=[$all]"
read -r -d ':' -a arr <<< "p q:r"
echo "${arr[@]}"
