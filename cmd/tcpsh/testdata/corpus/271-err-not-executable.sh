d=$(mktemp -d); cd "$d"
echo 'echo hi' > noexec
chmod 644 noexec
./noexec
echo "status: $?"
mkdir adir
./adir
echo "dir status: $?"
printf '#!/bin/sh\necho "script ran with $#"\n' > ok.sh; chmod +x ok.sh
./ok.sh a b
printf 'echo "no shebang ran"\n' > nob.sh; chmod +x nob.sh
./nob.sh
cd /; rm -rf "$d"
