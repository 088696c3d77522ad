eval 'echo )'
echo "eval status: $?"
eval 'for'
echo "still here: $?"
