printf '%q\n' "simple"
printf '%q\n' "with space"
printf '%q\n' "it's"
printf '%q\n' 'tab	here'
printf '%q\n' ''
printf '%q\n' 'a$b`c"d\e'
printf '%q ' a 'b c'; echo
printf '%b\n' 'tab\there' 'oct\0101' 'hex\x41'
printf '%b|\n' 'stop\cignored'
printf '%s\n' 'not\tinterpreted'
