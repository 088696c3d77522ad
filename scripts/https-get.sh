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

if [ "$1" = -k ]; then
	TCPSH_TLS_INSECURE=1
	shift
fi
_http_scheme=tls _http_opts='[-k]'
case $0 in
*/*) . "${0%/*}/http-get.sh" ;;
*) . ./http-get.sh ;;
esac
