s="key=value; n=42"
if [[ $s =~ ([a-z]+)=([a-z]+) ]]; then
  echo "match: ${BASH_REMATCH[0]} k=${BASH_REMATCH[1]} v=${BASH_REMATCH[2]}"
fi
[[ $s =~ n=([0-9]+) ]] && echo "num=${BASH_REMATCH[1]} count=${#BASH_REMATCH[@]}"
re='^[0-9]+$'
[[ 12345 =~ $re ]] && echo "var regex"
[[ abc =~ $re ]] || echo "no match clears: [${BASH_REMATCH[*]}]"
[[ 'a.c' =~ a\.c ]] && echo "escaped dot"
[[ abc =~ "a.c" ]] || echo "quoted regex is literal"
bad='('
[[ x =~ $bad ]]
echo "bad regex status: $?"
