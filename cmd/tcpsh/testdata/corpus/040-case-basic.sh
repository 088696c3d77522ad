for w in apple banana cherry date 42 Zed ''; do
  case $w in
    apple) echo "fruit a";;
    b*) echo "starts with b";;
    ch?rry) echo "cherry-ish";;
    [0-9]*) echo "number";;
    [[:upper:]]*) echo "upper";;
    '') echo "empty";;
    *) echo "default $w";;
  esac
done
case x in y) echo no;; esac
echo "no match: $?"
