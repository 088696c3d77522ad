false | true
echo "no pipefail: $?"
set -o pipefail
false | true
echo "pipefail: $?"
(exit 3) | (exit 5) | true
echo "rightmost failing: $?"
true | true
echo "all ok: $?"
set +o pipefail
(exit 2) | true
echo "off again: $?"
set -o pipefail
true | (exit 6)
