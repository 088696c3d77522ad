echo $"plain locale string"
x=val
echo $"with $x"
