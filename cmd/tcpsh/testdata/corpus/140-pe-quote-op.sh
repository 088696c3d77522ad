s="it's a \"test\""
echo "${s@Q}"
t=$'tab\there'
echo "${t@Q}"
e=
echo "${e@Q}"
n=42
echo "${n@Q}"
a=(x 'y z')
echo "${a[@]@Q}"
echo "${s@U}" "${s@L}" "${s@u}"
declare -i num=5
echo "${num@a}"
p='\t\n'
echo "${p@E}" | od -An -c | tr -s ' '
