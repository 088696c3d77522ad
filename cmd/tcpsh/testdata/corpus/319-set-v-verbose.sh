set -v
echo verbose
x=$((1+2))
# comment is echoed too
set +v
echo quiet
