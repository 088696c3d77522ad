#!/usr/bin/env tcpsh
# http-get.sh HOST [PORT] [PATH]
#
# Fetches http://HOST:PORT/PATH over /dev/tcp and prints the body on
# stdout: the course exercise done right. The request uses CRLF line ends,
# names the host (Host: is required by HTTP/1.1) and asks the server to
# close the connection after the response, so that reading up to end of
# file ends the body. Chunked bodies are decoded. Exits 0 for a 2xx
# status; otherwise prints the status line on stderr and exits 1.
# Runs under tcpsh and under bash.
#
# https-get.sh sources this file with _http_scheme=tls (and its -k option
# in _http_opts) to do the same over /dev/tls.

scheme=${_http_scheme:-tcp}
me=${0##*/}
defport=80
[ "$scheme" = tls ] && defport=443

usage() {
	echo "usage: $me ${_http_opts:+$_http_opts }HOST [PORT] [PATH]" >&2
	exit 2
}

[ $# -ge 1 ] && [ $# -le 3 ] && [ -n "$1" ] || usage
host=$1
port=${2:-$defport}
path=${3:-/}
case $path in
/*) ;;
*) path=/$path ;;
esac
hosthdr=$host
case $host in
*:*) hosthdr="[$host]" ;; # an IPv6 literal
esac
[ "$port" = "$defport" ] || hosthdr=$hosthdr:$port

exec 3<>"/dev/$scheme/$host/$port" || exit 1
printf 'GET %s HTTP/1.1\r\nHost: %s\r\nUser-Agent: tcpsh-%s\r\nAccept: */*\r\nConnection: close\r\n\r\n' \
	"$path" "$hosthdr" "${me%.sh}" >&3

if ! IFS= read -r status <&3; then
	echo "$me: $host:$port: empty response" >&2
	exit 1
fi
status=${status%$'\r'}
chunked=
while IFS= read -r line <&3; do
	line=${line%$'\r'}
	[ -z "$line" ] && break
	case $line in
	[Tt][Rr][Aa][Nn][Ss][Ff][Ee][Rr]-[Ee][Nn][Cc][Oo][Dd][Ii][Nn][Gg]:*[Cc]hunked*) chunked=1 ;;
	esac
done

if [ -n "$chunked" ]; then
	# Each chunk: its size in hex (maybe with ;extensions), CRLF, the
	# bytes, CRLF. Size 0 ends the body (trailers are ignored).
	while IFS= read -r size <&3; do
		size=${size%$'\r'}
		size=${size%%;*}
		n=$((16#$size))
		[ "$n" -eq 0 ] && break
		head -c "$n" <&3
		IFS= read -r _ <&3
	done
else
	cat <&3
fi
exec 3<&-

case $status in
"HTTP/"*" 2"[0-9][0-9] | "HTTP/"*" 2"[0-9][0-9]" "*) exit 0 ;;
esac
echo "$me: $status" >&2
exit 1
