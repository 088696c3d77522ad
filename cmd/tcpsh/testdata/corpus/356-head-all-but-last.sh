# head -n -N and -c -N (all but the last N) on small and big files and pipes.
d=$(mktemp -d) || exit 1
printf 'l1\nl2\nl3\nl4\nl5' > "$d/small"
seq 1 3000 > "$d/big"
for o in "-n -0" "-n -1" "-n -2" "-n -9" "-c -0" "-c -1" "-c -4" "-c -100"; do
  echo "== $o"
  head $o "$d/small" | od -c | tail -2
  cat "$d/small" | head $o | cksum
  head $o "$d/big" | cksum
  seq 1 3000 | head $o | tail -1
done
head -n -2999 "$d/big"; head -n -3000 "$d/big" | wc -c
rm -rf "$d"
