# The old -N form with its letters, and multiplier suffixes.
seq 1 20 > "${TMPDIR:-/tmp}/h359"
f=${TMPDIR:-/tmp}/h359
head -3 "$f"
head -2c "$f"; echo
head -1q "$f" "$f"
head -2v "$f"
head -3 -n 1 "$f"
head -3kl "$f" | wc -l
head -1k /dev/zero | wc -c; head -2b /dev/zero | wc -c; head -1m /dev/zero | wc -c
for n in 1kB 1KiB 1K 2MB b K 1MD; do printf '%s ' "$n"; head -c "$n" /dev/zero | wc -c; done
head -n 18446744073709551615 "$f" | wc -l
rm -f "$f"
