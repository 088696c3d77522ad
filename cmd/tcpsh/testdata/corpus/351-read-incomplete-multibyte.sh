# In a UTF-8 locale bash's read lets an unfinished multibyte character
# swallow the delimiter; in C every byte is a character.
for inp in 'a\xc3\nb\n' 'a\xe2\x82\nb\nc\n' 'a\x80\nb\n' 'caf\xc3\xa9\nx\n'; do
	printf "$inp" | { IFS= read -r x; printf '%q ' "$x"; IFS= read -r -d '' y; printf '%q\n' "$y"; }
done
printf 'a\xc3:b:c' | { IFS= read -r -d : x; printf '%q\n' "$x"; }
