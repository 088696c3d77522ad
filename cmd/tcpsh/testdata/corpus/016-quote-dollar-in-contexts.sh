x=val
echo "$x" '$x' $'$x' "\$x" \$x "${x}" "$"x "x$"
echo "a\$b" "a\\$x"
echo "$(echo '$x')"
echo "`echo '$x'`"
cat <<END
$x \$x '$x' "$x"
END
