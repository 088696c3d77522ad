set -e
(false; echo "printed: set -e is off left of ||") || echo "subshell failed: $?"
false | true
echo "pipeline with false first ok"
set -o pipefail
false | true || echo "pipefail caught"
out=$(set -e; echo a; false; echo b) || true
echo "out=$out"
{ false; }
echo never
