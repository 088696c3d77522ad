return 5
echo "status after return outside: $?"
return
echo "still running"
