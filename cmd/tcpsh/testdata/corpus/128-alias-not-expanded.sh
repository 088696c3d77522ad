alias x='echo from-alias'
x 2>&1 | sed 's/.*: //'
echo "no expand_aliases: ${PIPESTATUS[0]}"
shopt expand_aliases
