cd /usr
cd /
cd -
cd -
pwd
cd
[ "$PWD" = "$HOME" ] && echo "cd alone goes HOME"
