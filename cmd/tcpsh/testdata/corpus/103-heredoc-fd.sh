cat 3<<END <&3
fd three set up first
END
cat <&3 3<<END
on fd three
END
f() { read -r a <&4; echo "fd4: $a"; }
f 4<<END
via function
END
{ read -r x; read -r y <&5; echo "$x $y"; } <<A 5<<B
from-a
A
from-b
B
