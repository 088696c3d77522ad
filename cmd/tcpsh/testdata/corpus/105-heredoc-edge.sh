cat <<END
END
echo "empty heredoc ok"
cat <<END
line with END inside
 END
END
cat <<E\
ND
continued delimiter
END
cat <<'E O F'
spaced delim
E O F
