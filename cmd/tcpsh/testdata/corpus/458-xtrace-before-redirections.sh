# set -x traces a command before its redirections, as bash does: the
# trace of `cmd 2>/dev/null` still shows, the one of `cmd 2>&1` goes to
# the old stderr; inside a function called with 2>&1, its commands are
# traced to the new one.
exec 2>&1
set -x
: hidden 2>/dev/null
echo shown 2>/dev/null
ls /nonexistent-tcpsh-corpus >/dev/null 2>&1
f() { : in f; }
f 2>/dev/null
exec 3>&1
echo via3 >&3
{ echo group; } 2>/dev/null
set +x
