# Attributes and name references: -x given with -n marks the reference,
# export or declare without -n act on the variable it names, +n turns it
# back into a plain variable, -l/-u apply to the name it holds.
declare -n -r -x r1=HOME; declare -p r1
declare -nx r2=T2; declare -p r2
T3=val; declare -n r3=T3; export r3; declare -p r3 T3
Y=1; declare -n r4=Y; declare r4=5; echo "Y=$Y"; declare -p r4
declare -n r5=Z; declare -i r5=2+3; declare -p Z
declare -n r6=X; declare +n r6; r6=1; echo "r6=$r6 X=${X-unset}"; declare -p r6
declare -ln r7=NAME; declare -p r7
declare -un r8=name; declare -p r8
