# compare: status-prefix
echo first
for x in a b; do echo $x; done
done
echo not-reached
