cat <<END | tr a-z A-Z
piped heredoc
END
cat <<END | sort -r
b
a
c
END
tr -d '\n' <<END; echo
x
y
END
while read -r a; do echo "$a"; done <<END | sed 's/^/> /'
p
q
END
