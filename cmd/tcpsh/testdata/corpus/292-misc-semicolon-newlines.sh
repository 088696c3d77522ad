if true
then
  echo newline-then
fi
for i in 1 2
do
  echo "$i"
done
while false
do :
done
f()
{
  echo newline-body
}
f
{ echo a
}
echo "a" |
  tr a b
true &&
  echo "continued and"
