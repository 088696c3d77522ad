echo "parent" | sh -c 'read x; echo "child read: $x"'
{ sh -c 'read a; echo "sh got $a"'; read b; echo "shell got $b"; } <<END
first
second
END
