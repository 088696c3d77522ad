shopt extglob nullglob
shopt -s nullglob
shopt -q nullglob && echo "nullglob on"
shopt -u nullglob
shopt -q nullglob || echo "nullglob off"
shopt -p dotglob
shopt -s nosuchopt
echo "status: $?"
shopt -o noglob
set -o | grep -E '^(noclobber|nounset) '
