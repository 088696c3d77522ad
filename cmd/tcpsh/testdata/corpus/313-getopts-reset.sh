f() {
  local OPTIND=1 o
  while getopts "x:" o; do echo "x=$OPTARG"; done
}
f -x 1
f -x 2
g() { while getopts "y" o; do echo "g: $o"; done; }
g -y
g -y
echo "OPTIND leaked: $OPTIND"
