s=stressed
r=
for (( i=${#s}-1; i>=0; i-- )); do r+=${s:i:1}; done
echo "$r"
count=0
str="mississippi"
t=${str//[^s]/}
echo "s count: ${#t}"
words="the quick brown fox"
set -- $words
echo "words: $#, longest:" $(for w; do echo "${#w} $w"; done | sort -rn | head -n 1)
