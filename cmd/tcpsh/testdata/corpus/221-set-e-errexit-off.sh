set -e
set +e
false
echo "after +e: $?"
set -o errexit
shopt -o errexit
set +o errexit
shopt -po errexit
(set -e; false; echo never)
echo "subshell: $?"
