echo a; echo b; false; echo "after false: $?"
echo c;echo d
{ echo e; false; }; echo "group status: $?"
x=1; y=2; echo $((x+y))
