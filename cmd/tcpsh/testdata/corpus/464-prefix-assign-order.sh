# A command's prefix assignments are expanded before its redirections
# (their command substitutions write to the old stderr), set -x traces
# them before the redirections too, and the redirections do not see them.
exec 2>&1
d=$(mktemp -d); cd "$d" || exit 1
x=$(echo "assignment first" >&2) : 2>/dev/null > "r_$(echo "then the redirection" >&2; echo a)"
x=old
x=new echo "to r_old" > "r_$x"; ls r_*
f() { echo "f sees x=$x"; }
x=new f > "r_$x"; cat r_old
set -x
y=1 : 2>/dev/null
set +x
z=1 w=$z sh -c 'echo "w=$w"'
cd / && rm -rf "$d"
