fact() {
  if (( $1 <= 1 )); then echo 1; return; fi
  local sub
  sub=$(fact $(( $1 - 1 )))
  echo $(( $1 * sub ))
}
fact 10
fib() { local n=$1; if (( n < 2 )); then r=$n; return; fi
  fib $((n-1)); local a=$r; fib $((n-2)); r=$((a + r)); }
fib 15
echo "fib=$r"
