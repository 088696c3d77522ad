# case and [[ == ]] share one matcher: extglob groups including !(...),
# nocasematch folding only what the locale folds.
shopt -s extglob
for w in foo.txt bar.log baz; do
	case $w in
	!(*.txt|*.log)) echo "$w: other" ;;
	@(*.txt)) echo "$w: text" ;;
	*) echo "$w: log" ;;
	esac
done
[[ abc == !(x*) ]] && echo "dbracket neg"
shopt -s nocasematch
case ABC in abc) echo "ascii folds" ;; esac
[[ $'\xc9' == $'\xe9' ]] && echo "high bytes fold" || echo "high bytes differ"
case $'\xc9t\xc9' in $'\xe9t\xe9') echo "case folds high" ;; *) echo "case keeps high" ;; esac
[[ Straße == STRASSE ]] && echo "eszett folds" || echo "eszett differs"
