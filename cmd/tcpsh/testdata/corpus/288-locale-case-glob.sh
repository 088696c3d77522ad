s="é"
case $s in ?) echo "one char";; ??) echo "two chars";; *) echo other;; esac
[[ $s == ? ]] && echo "[[ ? ]] single" || echo "[[ ? ]] not single"
u="ÉCOLE école"
echo "${u,,}"
echo "${u^^}"
x="añb"
echo "${x//?/.}"
