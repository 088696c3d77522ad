#!/usr/bin/env tcpsh
# redis.sh [-h HOST] [-p PORT] COMMAND [ARG...]
#
# Sends one command to a Redis server over /dev/tcp, speaking RESP by
# hand: the command goes out as an array of bulk strings
# (*N CRLF, then $LEN CRLF ARG CRLF for each word), and the reply is
# printed the way redis-cli prints it: simple strings as they are,
# "(error) ..." (exit status 1), "(integer) N", bulk strings as they are,
# "(nil)", arrays as numbered lines ("1) ...") and "(empty array)".
# Defaults: 127.0.0.1, port 6379. Runs under tcpsh and under bash.

LC_ALL=C # read -N counts bytes, as RESP lengths do

usage() {
	echo "usage: redis.sh [-h HOST] [-p PORT] COMMAND [ARG...]" >&2
	exit 2
}

host=127.0.0.1
port=6379
while getopts h:p: opt; do
	case $opt in
	h) host=$OPTARG ;;
	p) port=$OPTARG ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[ $# -ge 1 ] || usage

exec 3<>"/dev/tcp/$host/$port" || exit 1

req="*$#"$'\r\n'
for arg; do
	len=$(printf '%s' "$arg" | wc -c) # bytes, whatever the locale
	req+="\$$((len))"$'\r\n'"$arg"$'\r\n'
done
printf '%s' "$req" >&3

status=0

# reply INDENT: reads one reply from fd 3 and prints it; array elements
# are numbered, nested arrays indented by INDENT.
reply() {
	local indent=$1 line kind rest val i
	if ! IFS= read -r line <&3; then
		echo "redis.sh: connection closed by $host:$port" >&2
		exit 1
	fi
	line=${line%$'\r'}
	kind=${line:0:1}
	rest=${line:1}
	case $kind in
	+) printf '%s\n' "$rest" ;;
	-)
		printf '(error) %s\n' "$rest"
		status=1
		;;
	:) printf '(integer) %s\n' "$rest" ;;
	\$)
		if [ "$rest" -lt 0 ]; then
			echo "(nil)"
		else
			val=
			[ "$rest" -gt 0 ] && IFS= read -r -N "$rest" val <&3
			IFS= read -r _ <&3 # the CRLF after the bytes
			printf '%s\n' "$val"
		fi
		;;
	\*)
		if [ "$rest" -lt 0 ]; then
			echo "(nil)"
		elif [ "$rest" -eq 0 ]; then
			echo "(empty array)"
		fi
		for ((i = 1; i <= rest; i++)); do
			[ "$i" -gt 1 ] && printf '%s' "$indent"
			printf '%d) ' "$i"
			reply "$indent   "
		done
		;;
	*)
		echo "redis.sh: unexpected reply: $line" >&2
		exit 1
		;;
	esac
}

reply ""
exec 3<&-
exit "$status"
