cleanup() { echo "cleanup"; }
trap cleanup EXIT
die() { echo "dying: $1" >&2; exit "$2"; }
echo start
die "bad thing" 6
echo never
