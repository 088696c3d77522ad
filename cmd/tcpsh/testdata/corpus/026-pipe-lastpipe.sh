shopt -s lastpipe
echo value | read v
echo "lastpipe in script: [${v-}]"
shopt -u lastpipe
shopt lastpipe
