myfn() { echo fn; }
command -v echo
command -v myfn
command -v if
command -v nosuch_corpus_cmd
echo "missing: $?"
[ -n "$(command -v sh)" ] && echo "sh found on PATH"
case $(command -v sh) in /*) echo "absolute path";; esac
echo() { builtin echo "wrapped: $*"; }
echo hi
command echo direct
builtin echo via-builtin
unset -f echo
command -V myfn | head -n 1
