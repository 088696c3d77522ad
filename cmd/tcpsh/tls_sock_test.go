//go:build linux

package main

import (
	"crypto/tls"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tcpsh/redirect/tlstest"
)

// startHTTPS serves h over TLS (pki's server certificate) on
// 127.0.0.1:0 until the test ends and returns the port.
func startHTTPS(t *testing.T, pki *tlstest.PKI, h http.HandlerFunc) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	t.Cleanup(serveHTTP(tls.NewListener(ln, pki.ServerConfig()), h))
	return portOf(ln.Addr())
}

// https-get.sh against a local HTTPS server (net/http), verified with
// SSL_CERT_FILE, refused without it, accepted with TCPSH_TLS_INSECURE=1
// or -k.
func TestHTTPSGetScript(t *testing.T) {
	pki := tlstest.New(t)
	dir := t.TempDir()
	ca := pki.WriteCA(t, dir)
	port := startHTTPS(t, pki, getScriptHandler)
	info := func(host string, sni string) string {
		return "host=" + host + ":" + port + " close=true proto=HTTP/1.1 alpn=http/1.1 sni=" + sni + "\n"
	}
	cases := []struct {
		name    string
		args    []string
		env     []string
		out     string
		errText string
		status  int
	}{
		{"verified with SSL_CERT_FILE", []string{"localhost", port, "/info"}, []string{"SSL_CERT_FILE=" + ca},
			info("localhost", "localhost"), "", 0},
		{"IP literal", []string{"127.0.0.1", port, "info"}, []string{"SSL_CERT_FILE=" + ca},
			info("127.0.0.1", ""), "", 0},
		{"chunked body", []string{"localhost", port, "/chunked"}, []string{"SSL_CERT_FILE=" + ca}, chunkedBody, "", 0},
		{"404", []string{"localhost", port, "/nope"}, []string{"SSL_CERT_FILE=" + ca},
			"404 page not found\n", "https-get.sh: HTTP/1.1 404 Not Found\n", 1},
		{"refused without the CA", []string{"localhost", port, "/info"}, nil,
			"", "HTTP_GET: line 39: /dev/tls/localhost/" + port + ": x509: certificate signed by unknown authority\n", 1},
		{"TCPSH_TLS_INSECURE=1", []string{"localhost", port, "/info"}, []string{"TCPSH_TLS_INSECURE=1"},
			info("localhost", "localhost"), "", 0},
		{"-k", []string{"-k", "localhost", port, "/info"}, nil, info("localhost", "localhost"), "", 0},
		{"usage", nil, nil, "", "usage: https-get.sh [-k] HOST [PORT] [PATH]\n", 2},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			sp := scriptPath(t, "https-get.sh")
			got := tcpshRun(t, sockCase{args: append([]string{sp}, tc.args...), env: tc.env})
			// The request is made by http-get.sh, which https-get.sh sources.
			got.stderr = strings.ReplaceAll(got.stderr, scriptPath(t, "http-get.sh")+":", "HTTP_GET:")
			assert.Equal(t, runResult{tc.out, tc.errText, tc.status}, got)
		})
	}
}

// halfclose ends an HTTP/1.1 read on a kept-alive connection: net/http
// answers, sees end of file and closes. Over TCP and TLS, with an
// external cat reading the TLS fd.
func TestHalfcloseHTTP(t *testing.T) {
	pki := tlstest.New(t)
	handler := func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "body over "+r.Proto+"\n") }
	env := []string{
		"HP=" + startHTTP(t, handler),
		"SP=" + startHTTPS(t, pki, handler),
		"SSL_CERT_FILE=" + pki.WriteCA(t, t.TempDir()),
	}
	request := `printf 'GET / HTTP/1.1\r\nHost: h\r\n\r\n' >&3; halfclose 3; `
	cases := []struct {
		name   string
		script string
	}{
		{"tcp", `exec 3<>/dev/tcp/127.0.0.1/$HP; ` + request + `cat <&3 | tr -d '\r'`},
		{"tls", `exec 3<>/dev/tls/localhost/$SP; ` + request + `cat <&3 | tr -d '\r'`},
		{"tls, external cat", `exec 3<>/dev/tls/localhost/$SP; ` + request + `/bin/cat <&3 | tr -d '\r'`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := tcpshRun(t, script(tc.script, env...))
			assert.Equal(t, 0, got.status)
			assert.Equal(t, "", got.stderr)
			assert.True(t, strings.HasPrefix(got.stdout, "HTTP/1.1 200 OK\n"), got.stdout)
			assert.True(t, strings.HasSuffix(got.stdout, "\n\nbody over HTTP/1.1\n"), got.stdout)
		})
	}
}
