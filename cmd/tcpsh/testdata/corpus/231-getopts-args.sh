set -- -v -n 3 -- rest
while getopts "vn:" opt; do
  echo "$opt ${OPTARG-} OPTIND=$OPTIND"
done
echo "final OPTIND=$OPTIND"
shift $((OPTIND-1))
echo "remaining: $*"
OPTIND=1
while getopts "xy" o -xy; do echo "combined: $o $OPTIND"; done
