# Usage lines of builtins: bash prints them without the "NAME: line N:"
# prefix of the message before them.
read -z; echo "read $?"
printf; echo "printf $?"
printf -z x; echo "printf -z $?"
umask -z; echo "umask $?"
wait -z; echo "wait $?"
cd -z; echo "cd $?"
type -z ls; echo "type $?"
jobs -z; echo "jobs $?"
f() { unset -z x; echo "unset $?"; }
f
