d=$(mktemp -d); cd "$d"
mkdir sub; echo x > f; : > e
for p in f e sub nope; do
  r=""
  [ -e $p ] && r="${r}e"
  [ -f $p ] && r="${r}f"
  [ -d $p ] && r="${r}d"
  [ -s $p ] && r="${r}s"
  echo "$p: $r"
done
[ -t 0 ] || echo "stdin not a tty"
cd /; rm -rf "$d"
test -d "$d"
