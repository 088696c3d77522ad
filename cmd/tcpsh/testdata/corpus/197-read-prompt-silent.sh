read -p "prompt: " v <<< "answer" 2>/dev/null
echo "v=$v"
read -p "shown? " w <<< "x"
echo "w=$w"
read -s s <<< "secret"
echo "s=$s"
read -e e <<< "edited" 2>/dev/null
echo "e=$e"
