for f in x.txt y.jpg z.png w.gif README; do
  case "$f" in
    *.txt|*.md) echo "$f: text";;
    *.jpg|*.png|*.gif) echo "$f: image";;
    *) echo "$f: unknown";;
  esac
done
case "a*b" in "a*b") echo "quoted pattern literal";; esac
p='*'
case abc in $p) echo "unquoted var is pattern";; esac
case abc in "$p") echo no;; *) echo "quoted var is literal";; esac
