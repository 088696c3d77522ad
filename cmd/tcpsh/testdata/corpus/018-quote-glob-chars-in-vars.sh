d=$(mktemp -d); cd "$d"
touch abc abd
p='ab?'
echo $p
echo "$p"
set -f
echo $p
set +f
q='[ab]*'
echo $q "$q"
cd /; rm -rf "$d"
