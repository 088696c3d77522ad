name=World
cat <<END
Hello $name
Sum: $((1+2))
Cmd: $(echo sub)
Escaped: \$name \\ \`
Literal 'single' "double"
END
cat << 'END'
No $expansion here $(echo x)
END
cat <<"END"
Also $none
END
cat <<\END
Backslash $quoted
END
