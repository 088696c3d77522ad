s=ok
echo "${s:?not shown}"
( : "${unset_var:?custom message}" )
echo "subshell status: $?"
( : "${unset_var?}" )
e=
( echo "${e:?empty not allowed}" )
echo "${unset_var2:?fatal here}"
echo "not reached"
