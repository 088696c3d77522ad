for s in "a b" "*" "x.y" "" "-opt" "--"; do
  case $s in
    "a b") echo "space word";;
    \*) echo "literal star";;
    *.*) echo "has dot";;
    "") echo "empty string";;
    -?*) echo "option-like";;
  esac
done
case -- in --) echo "double dash";; esac
case abc in (abc) echo "leading paren form";; esac
x=b
case abc in a${x}c) echo "expanded pattern";; esac
