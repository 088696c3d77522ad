echo "${-//[hB]/}"
set -f; echo "${-//[hB]/}"; set +f
set -o nounset -o noglob; echo "${-//[hB]/}"; set +o nounset +o noglob
set -o allexport
auto_exported=yes
sh -c 'echo "allexport: ${auto_exported-no}"'
set +a
not_exported=1
sh -c 'echo "after +a: ${not_exported-no}"'
