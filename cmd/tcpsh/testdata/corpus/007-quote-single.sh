echo 'single $HOME `date` \n stays'
echo 'it''s joined'
echo 'a"b"c'
echo ''
echo '  lead and trail  '
x='multi
line'
echo "$x"
