f() { echo "in f"; }
trap 'echo "RETURN from ${FUNCNAME[0]:-?}"' RETURN
f
trap - RETURN
f
cnt=0
trap 'cnt=$((cnt+1))' DEBUG
echo a
echo b
trap - DEBUG
echo "debug trap ran $cnt times"
