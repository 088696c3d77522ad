# "${a[@]+word}" of an empty or unset array is no word at all (as "$@"),
# the usual way to pass a maybe-empty array under set -u.
set -u
count() { echo "$#"; }
arr=()
count "${arr[@]+"${arr[@]}"}"
count "${arr[@]+x}" "${arr[*]+y}"
count "a${arr[@]+x}b"
arr=(""); count "${arr[@]:+x}"
arr=(1 "2 3"); count "${arr[@]+"${arr[@]}"}"
set --; count "${@+x}" "${*+y}"
set -- ""; count "${@:+x}" "${@+y}"
