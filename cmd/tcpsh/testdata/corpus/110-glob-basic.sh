d=$(mktemp -d); cd "$d"
touch a.txt b.txt c.log .hidden ab
mkdir sub; touch sub/x.txt
echo *.txt
echo ?.log
echo [ab]*
echo */*.txt
echo *
echo .*
echo nomatch*
echo "*.txt"
cd /; rm -rf "$d"
