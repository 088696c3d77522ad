umask 022
umask
umask -S
umask 077
umask
umask -S
umask u=rwx,g=rx,o=
umask
d=$(mktemp -d); cd "$d"
umask 027; touch f; mkdir dd
stat -c '%a %n' f dd
umask 999
echo "status: $?"
cd /; rm -rf "$d"
