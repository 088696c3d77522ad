#!/usr/bin/env tcpsh
# https-get.sh [-k] HOST [PORT] [PATH]
#
# Fetches https://HOST:PORT/PATH over /dev/tls (tcpsh only: bash has no
# TLS) and prints the body on stdout, as http-get.sh does over /dev/tcp:
# an HTTP/1.1 request with CRLF line ends, a Host: header and
# "Connection: close", so that reading to end of file ends the body;
# chunked bodies are decoded. Exits 0 for a 2xx status; otherwise prints
# the status line on stderr and exits 1.
#
# The server's certificate is checked against the system's roots, or
# against the CA bundle named by SSL_CERT_FILE; TCPSH_TLS_INSECURE=1 (or
# -k, as for curl) skips the check. Both are read from the shell's
# variables when the connection opens.

usage() {
	echo "usage: https-get.sh [-k] HOST [PORT] [PATH]" >&2
	exit 2
}

if [ "$1" = -k ]; then
	TCPSH_TLS_INSECURE=1
	shift
fi
[ $# -ge 1 ] && [ $# -le 3 ] && [ -n "$1" ] || usage
host=$1
port=${2:-443}
path=${3:-/}
case $path in
/*) ;;
*) path=/$path ;;
esac
hosthdr=$host
case $host in
*:*) hosthdr="[$host]" ;; # an IPv6 literal
esac
[ "$port" = 443 ] || hosthdr=$hosthdr:$port

exec 3<>"/dev/tls/$host/$port" || exit 1
printf 'GET %s HTTP/1.1\r\nHost: %s\r\nUser-Agent: tcpsh-https-get\r\nAccept: */*\r\nConnection: close\r\n\r\n' \
	"$path" "$hosthdr" >&3

if ! IFS= read -r status <&3; then
	echo "https-get.sh: $host:$port: empty response" >&2
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
echo "https-get.sh: $status" >&2
exit 1
