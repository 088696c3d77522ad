# Several files get "==> name <==" headers; -q and -v; "-" is standard input.
d=$(mktemp -d) || exit 1
cd "$d" || exit 1
printf 'a\nb\n' > one; printf 'x\ny\nz\n' > two; : > empty
head -n 1 one two
head -q -n 1 one two
head -v -n 1 one
head -n 1 -v -q one two
head --verbose --lines=1 empty one
printf 'in1\nin2\n' | head -n 1 one - two
printf 'in1\nin2\n' | head -c 2 - - one
head -n 1 -- one two
cd / && rm -rf "$d"
