a=abc
[[ $a == abc ]] && echo eq
[[ $a != abd ]] && echo ne
[[ $a < abd ]] && echo lt
[[ $a > abb ]] && echo gt
[[ -z "" && -n $a ]] && echo "z and n"
[[ $a = "a"* ]] && echo "prefix via pattern"
[[ $a == "a*" ]] || echo "quoted star literal"
e=
[[ $e ]] || echo "empty is false"
[[ $a ]] && echo "non-empty is true"
[[ abc == abd ]]
