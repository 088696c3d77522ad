# head -n N and -c N on files and pipes, with and without a final newline.
d=$(mktemp -d) || exit 1
printf 'one\ntwo\nthree\nfour' > "$d/f"
for o in "" "-n 0" "-n 1" "-n 3" "-n 4" "-n 9" "-c 0" "-c 1" "-c 5" "-c 100" "-n1K" "-c 1k"; do
  echo "== $o"
  head $o "$d/f" | od -c
  printf 'a\nb\nc' | head $o | od -c
done
seq 1 100000 | head -n 2
head -c 100000 /dev/zero | wc -c
rm -rf "$d"
