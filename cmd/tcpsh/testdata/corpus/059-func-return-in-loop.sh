find_first_even() {
  for n in "$@"; do
    if (( n % 2 == 0 )); then echo "$n"; return 0; fi
  done
  return 1
}
find_first_even 3 5 8 10
find_first_even 1 3 || echo "none found: $?"
f() { while true; do return 7; done; }
f; echo "return from while: $?"
g() { echo a | { read -r x; return 3; }; echo "g continues: $?"; }
g
