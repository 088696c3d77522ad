echo -n
echo -n ""
echo "" ""
echo -e
echo -- x
echo -n- x
echo -nz x
echo '-e' '\t'
echo -e -n 'a\n'
