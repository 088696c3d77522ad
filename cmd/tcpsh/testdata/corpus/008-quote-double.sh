name=world
echo "hello $name"
echo "escaped \$name and \"quotes\" and \\ backslash"
echo "backtick: \` and literal \a \q"
echo "sub: $(echo inner "quoted")"
echo "${name}s"
echo "tab	inside"
echo "single 'inside' double"
