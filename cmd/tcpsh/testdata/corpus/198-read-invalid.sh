read 1bad <<< x
echo "status: $?"
read -n abc v <<< x
echo "status: $?"
read -z v <<< x
echo "status: $?"
