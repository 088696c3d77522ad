# select: the menu and PS3 on stderr, REPLY and the choice, an empty line
# shows the menu again, the end of input ends the loop with status 1.
exec 2>&1
select s in alpha beta gamma; do echo "s=[$s] REPLY=[$REPLY]"; [ "$REPLY" = 3 ] && break; done <<EOF
2

9
  1  
3
EOF
echo "st=$?"
PS3="pick: "
set -- x y
select s; do echo "s=$s"; done <<EOF
2
EOF
echo "st=$?"
select s in; do echo never; done; echo "empty list st=$?"
COLUMNS=40
select s in aa bb cc dd ee ff gg hh ii jj kk; do echo "s=$s"; break; done <<EOF
11
EOF
COLUMNS=60
select s in $(seq 1 25); do break; done <<EOF
3
EOF
printf 2 | { select s in a b; do echo "never: $s"; done; echo "unterminated last line st=$?"; }
select s in a b; do echo "never: $s"; done <&-; echo "closed stdin st=$?"
