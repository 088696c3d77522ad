outer() {
  inner() { echo "inner defined by outer: $1"; }
  for i in 1 2; do inner "$i"; done
}
type inner >/dev/null 2>&1 || echo "inner not yet defined"
outer
inner again
count() { local n=0; while (( n < $1 )); do (( n++ )); done; echo "$n"; }
count 7
