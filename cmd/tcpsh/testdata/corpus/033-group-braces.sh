x=1
{ x=2; echo "inside x=$x"; }
echo "outside x=$x"
{ echo a; echo b; } | tr ab AB
{ echo to-stderr >&2; } 2>&1
{ false; }
echo "group status: $?"
{ echo one
  echo two
}
{ (exit 4); }
