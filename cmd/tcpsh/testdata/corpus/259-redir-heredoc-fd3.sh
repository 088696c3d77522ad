while read -r -u 3 line; do echo "fd3: $line"; done 3<<END
alpha
beta
END
exec 3<<'END'
persistent $x
END
cat <&3
exec 3<&-
