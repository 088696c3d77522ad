shopt -s extglob
d=$(mktemp -d); cd "$d"
touch a.c b.h c.o abc.txt aaa x
echo *.@(c|h)
echo !(*.o|*.txt)
echo +(a)
echo ?(a)bc.txt
echo *(a|b)
s=foo.tar.gz
echo "${s%%@(.tar|.gz)*}"
[[ bbb == +(b) ]] && echo "extglob match"
cd /; rm -rf "$d"
