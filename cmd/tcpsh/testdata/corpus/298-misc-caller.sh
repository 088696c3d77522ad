where() { caller 0 | sed 's|/.*/||'; }
f() { where; }
f
g() { caller; }
g | awk '{print $1}'
caller
echo "caller outside function: $?"
