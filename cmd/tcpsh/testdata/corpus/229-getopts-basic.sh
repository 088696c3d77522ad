parse() {
  local OPTIND opt
  while getopts "ab:c" opt; do
    case $opt in
      a) echo "flag a";;
      b) echo "b with [$OPTARG]";;
      c) echo "flag c";;
      ?) echo "unknown";;
    esac
  done
  shift $((OPTIND - 1))
  echo "OPTIND=$OPTIND rest: $*"
}
parse -a -b val -c file1 file2
parse -ac -bX
parse -b "spaced arg" -- -a
parse plain
