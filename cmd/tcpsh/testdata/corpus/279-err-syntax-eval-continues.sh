eval 'echo )'
echo "eval status: $?"
eval 'echo "unterminated'
echo "still here: $?"
