# head in pipelines, loops and substitutions.
yes | head -n 3
first=$(printf 'x1\nx2\n' | head -n 1); echo "first=$first"
for n in 1 2 3; do seq 1 10 | head -n "$n" | tail -n 1; done
seq 1 5 | head -n -2 | head -c 3; echo
printf 'a\nb\n' | head -n 1 | { read -r l; echo "got $l"; }
echo "ps=${PIPESTATUS[*]}"
head -n 2 <<'X'
h1
h2
h3
X
head -c 4 <<< "herestring"; echo
