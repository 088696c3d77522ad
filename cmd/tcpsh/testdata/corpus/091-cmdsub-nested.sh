echo $(echo $(echo $(echo deep)))
echo "$(echo "$(echo "quoted deep")")"
echo `echo \`echo nested backtick\``
a=$(echo "$(basename "/x/y/z.txt" .txt)")
echo "$a"
echo "$(echo ')' )"
echo "$(case x in x) echo "case in subst";; esac)"
