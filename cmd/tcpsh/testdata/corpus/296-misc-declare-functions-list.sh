b() { :; }
a() { :; }
declare -F
compgen -A function
