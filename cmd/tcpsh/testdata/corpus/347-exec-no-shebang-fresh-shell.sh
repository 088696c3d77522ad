# A text file without #! runs in a fresh shell: only exported variables,
# no functions or aliases, default options.
d=$(mktemp -d) || exit 1
printf '%s\n' 'echo "[$x][$y][$(type -t f)]"' 'set -o | grep -E "^(errexit|nounset) "' 'echo "args: $# $1"' 'exit 4' > "$d/child"
chmod +x "$d/child"
x=1; export y=2; f() { :; }
set -u
"$d/child" one
echo "status $?"
rm -rf "$d"
