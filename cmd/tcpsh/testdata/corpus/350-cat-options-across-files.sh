# cat's line numbers, squeezing and a trailing \r carry across files.
d=$(mktemp -d) || exit 1
printf 'a\r' > "$d/f1"; printf '\nb\n\n\n' > "$d/f2"; printf '\n\nc' > "$d/f3"
cat -E "$d/f1" "$d/f2" | od -c
cat -n "$d/f2" "$d/f3"; echo
cat -s "$d/f2" "$d/f3" | od -c
cat -A "$d/f1" "$d/f2"
rm -rf "$d"
