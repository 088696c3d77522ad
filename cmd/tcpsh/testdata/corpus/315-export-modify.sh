export V=first
V=second
sh -c 'echo "child sees $V"'
env | grep '^V='
unset V
env | grep -c '^V='
V=third
sh -c 'echo "unset drops export: [${V-}]"'
