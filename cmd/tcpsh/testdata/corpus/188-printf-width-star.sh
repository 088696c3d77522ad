printf '%*d|\n' 5 42
printf '%-*s|\n' 6 ab
printf '%.*f\n' 2 3.14159
printf '%.3s\n' abcdef
printf '%10.4s|\n' abcdef
printf '% d\n' 5
printf '%+.1e\n' 1234.5
