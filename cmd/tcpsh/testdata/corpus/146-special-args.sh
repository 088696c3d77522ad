set -- one "two words" three
echo "count=$#"
echo "first=$1 second=$2 third=$3"
for a in "$@"; do echo "at: [$a]"; done
for a in "$*"; do echo "star: [$a]"; done
for a in $@; do echo "unquoted: [$a]"; done
IFS=,
echo "joined: $*"
echo "at joined: $@"
