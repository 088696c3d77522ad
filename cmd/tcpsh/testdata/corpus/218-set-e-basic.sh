set -e
echo start
false || echo "ored failure ok"
if false; then echo no; fi
echo "if condition ok"
! true
echo "negated ok"
false && echo no
echo "and-list ok"
while false; do :; done
x=$(false) || echo "subst failure handled"
false
echo never
