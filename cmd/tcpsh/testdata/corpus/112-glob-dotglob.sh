d=$(mktemp -d); cd "$d"
touch .a .b c
echo *
shopt -s dotglob
echo *
shopt -u dotglob
echo .[!.]*
shopt -s globskipdots
echo .*
cd /; rm -rf "$d"
