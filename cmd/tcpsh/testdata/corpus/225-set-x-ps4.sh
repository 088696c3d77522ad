PS4='>> '
set -x
echo custom
PS4='+$LINENO: '
echo with-line
echo $(echo nested)
set +x
