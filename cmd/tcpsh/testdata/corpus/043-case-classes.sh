for c in a Z 5 ' ' . _ '!'; do
  case "$c" in
    [[:lower:]]) t=lower;;
    [[:upper:]]) t=upper;;
    [[:digit:]]) t=digit;;
    [[:space:]]) t=space;;
    [!a-zA-Z0-9_]) t=punct;;
    *) t=other;;
  esac
  echo "[$c] $t"
done
case b in [abc]) echo in-set;; esac
case '-' in [a-]) echo dash-literal;; esac
case ']' in []a]) echo bracket-first;; esac
