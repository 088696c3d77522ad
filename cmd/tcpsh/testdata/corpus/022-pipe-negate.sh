! false | true
echo "negated true: $?"
! true | false
echo "negated false: $?"
! echo x | grep -q y
echo "negated grep: $?"
if ! echo abc | grep -q b; then echo no; else echo yes; fi
! true
