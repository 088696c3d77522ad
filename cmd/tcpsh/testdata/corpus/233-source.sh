d=$(mktemp -d); cd "$d"
cat > lib.sh <<'END'
libvar=loaded
libfn() { echo "libfn with $#: $*"; }
echo "sourcing with args: $*"
return 3
echo never
END
source ./lib.sh a b
echo "status: $?"
echo "$libvar"
libfn x y
. ./lib.sh
echo "dot status: $?"
set -- outer
. ./lib.sh
source nosuch.sh
echo "missing: $?"
cd /; rm -rf "$d"
