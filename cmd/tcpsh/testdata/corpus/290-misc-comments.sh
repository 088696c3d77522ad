# full line comment
echo a # trailing comment
echo b#not-comment
echo 'quoted # not comment'
echo "#"
x=1 # after assignment
echo $x
   # indented comment
echo "${x}#"
