set -- apple.txt banana.md cherry.txt
echo "${@%.*}"
echo "${@/a/A}"
echo "${*^}"
echo "${#1} ${#2}"
echo "${@: -1}" "${@:1:1}"
f() { echo "${1:-no arg} ${2:+has second}"; }
f
f x y
