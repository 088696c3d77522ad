f=report.txt
[[ $f == *.txt ]] && echo "txt file"
[[ $f == r?port.* ]] && echo "question mark"
[[ $f == [qr]* ]] && echo "bracket class"
[[ $f == *.@(txt|md) ]] && echo "extglob in [[ ]]"
p='*.txt'
[[ $f == $p ]] && echo "unquoted var pattern"
[[ $f == "$p" ]] || echo "quoted var literal"
[[ "a b" == a\ * ]] && echo "escaped space"
[[ x == [[:alpha:]] ]] && echo "posix class"
