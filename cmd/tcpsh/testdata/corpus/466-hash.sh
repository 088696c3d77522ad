# hash: remembered program locations and their use counts, `hash NAME ||`
# as the test for an installed program, forgetting on hash -r and on any
# assignment to PATH.
hash
ls / >/dev/null; hash
hash -t ls; type ls; command -V ls; type -t ls
hash sed; hash -t ls sed; hash -l
hash -d sed; hash -t sed; echo "st=$?"
hash no-such-program-here; echo "st=$?"
hash no-such-program-here 2>/dev/null || echo "not installed"
hash ls 2>/dev/null && echo "ls is installed"
hash -p /bin/true mytrue; hash -t mytrue; mytrue && echo "ran mytrue"
PATH=$PATH; hash
ls / >/dev/null; hash -r; hash
hash ./relative; echo "st=$?"
hash -t; echo "st=$?"
hash -z; echo "st=$?"
hash -p /bin/true; echo "st=$?"
hash -d; echo "st=$?"
