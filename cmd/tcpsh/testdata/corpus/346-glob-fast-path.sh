# Fields with and without pattern characters, quoted and not.
cd "$(mktemp -d)" || exit 1
touch a.txt b.txt ab.log '[x]' '*q'
echo "*" '*' *.txt
x='*.txt'; echo $x "$x"
echo {a,b}*.txt {c,d}
echo a[ '['* \** "*"q
shopt -s extglob
echo @(a*) +(b*) !(*.txt|*.log)
set -f; echo *.txt $x; set +f
IFS=:; y='a*:b.*'; echo $y; unset IFS
cd / && rm -rf "$OLDPWD"
