while getopts "ab:" o -x -b; do echo "opt=$o OPTARG=[${OPTARG-unset}]"; done
OPTIND=1
while getopts ":ab:" o -x -b; do echo "silent opt=$o OPTARG=[${OPTARG-unset}]"; done
OPTIND=1
getopts "a" o -z 2>/dev/null
echo "status on unknown: $? o=$o"
OPTIND=1
getopts "a" o file
echo "status on non-option: $? o=$o"
