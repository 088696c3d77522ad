printf 'h1\nh2\nbody1\nbody2\n' | { read -r a; read -r b; echo "headers: $a $b"; cat; }
printf '3\nx\ny\nz\n' | { read -r n; for ((i=0;i<n;i++)); do read -r l; echo "item $i: $l"; done; }
echo "a b c" | { read -r first rest; echo "$first / $rest"; }
