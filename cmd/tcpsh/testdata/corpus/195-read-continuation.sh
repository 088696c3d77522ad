read a <<'END'
first \
second
END
echo "[$a]"
read -r b <<'END'
first \
second
END
echo "[$b]"
read c d <<'END'
escaped\ space rest
END
echo "[$c] [$d]"
