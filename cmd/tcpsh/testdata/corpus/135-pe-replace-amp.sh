s=abc
echo "${s/b/[&]}"
echo "${s/b/[\&]}"
r='<&>'
echo "${s/b/$r}"
echo "${s/b/"$r"}"
shopt -u patsub_replacement
echo "${s/b/[&]}"
