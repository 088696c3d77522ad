# disown, and the job-control and login builtins of a shell without them.
sleep 1 & sleep 1 & disown; jobs
disown %1; jobs; echo "st=$?"
disown; echo "st=$?"
disown %7; echo "st=$?"
sleep 1 & disown $!; jobs; echo "st=$?"
disown 99999; echo "st=$?"
sleep 1 & disown -h %1; jobs
disown -a; jobs; echo "all disowned"
disown -z; echo "st=$?"
sleep 0.1 & disown; wait; echo "wait returned $?"
fg; echo "st=$?"
bg %1; echo "st=$?"
suspend; echo "st=$?"
logout; echo "st=$?"
times | grep -cE '^[0-9]+m[0-9]+\.[0-9]{3}s [0-9]+m[0-9]+\.[0-9]{3}s$'
