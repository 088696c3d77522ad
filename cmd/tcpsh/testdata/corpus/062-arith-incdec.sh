i=5
echo $((i++)) $i
echo $((++i)) $i
echo $((i--)) $i
echo $((--i)) $i
(( i++ ))
echo "status after i++ from 4: $?"
j=0
(( j++ ))
echo "status after j++ from 0: $? j=$j"
(( j-- ))
(( j-- ))
