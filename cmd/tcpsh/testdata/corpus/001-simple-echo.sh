echo hello world
echo   several    spaces   collapse
echo "quoted   spaces  stay"
echo
echo last
