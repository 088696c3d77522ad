d=$(mktemp -d); cd "$d"
printf '#!/nonexistent/interp\necho x\n' > bad; chmod +x bad
./bad
echo "status: $?"
cd /; rm -rf "$d"
