//go:build linux

package shell

import (
	"bufio"
	"context"
	"crypto/tls"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tcpsh/redirect/tlstest"
)

// tlsFixture is a TLS line server that answers each line with "echo:"
// and the line, an HTTPS and an HTTP server (net/http) whose handler
// answers "hello over PROTO\n", a UDP socket, and a directory holding the
// CA bundle as ca.pem.
type tlsFixture struct {
	dir                                string
	echo, https, http, udp, silentPort string
}

func newTLSFixture(t *testing.T) *tlsFixture {
	t.Helper()
	pki := tlstest.New(t)
	fx := &tlsFixture{dir: t.TempDir()}
	pki.WriteCA(t, fx.dir)
	fx.echo = pki.Serve(t, func(c *tls.Conn) {
		sc := bufio.NewScanner(c)
		for sc.Scan() {
			io.WriteString(c, "echo:"+sc.Text()+"\n")
		}
	})
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Date", "Mon, 30 Nov 2026 10:00:00 GMT")
		io.WriteString(w, "hello over "+r.Proto+" tls="+strconv.FormatBool(r.TLS != nil)+"\n")
	})
	hs := httptest.NewUnstartedServer(handler)
	hs.TLS = pki.ServerConfig()
	hs.StartTLS()
	t.Cleanup(hs.Close)
	fx.https = portOf(hs.Listener.Addr())
	plain := httptest.NewServer(handler)
	t.Cleanup(plain.Close)
	fx.http = portOf(plain.Listener.Addr())
	udp, err := net.ListenPacket("udp", "127.0.0.1:0")
	require.NoError(t, err)
	t.Cleanup(func() { udp.Close() })
	fx.udp = portOf(udp.LocalAddr())
	fx.silentPort = sockServer(t, silent)
	return fx
}

// run runs script as a script file in a session in the fixture's
// directory, with the ports in EP (echo), SP (HTTPS), HP (HTTP), UP (UDP)
// and QP (a silent plain TCP server), bounded in time.
func (fx *tlsFixture) run(t *testing.T, script string) (string, string, int) {
	t.Helper()
	s := newSession(t, Dir(fx.dir), Env([]string{"EP=" + fx.echo, "SP=" + fx.https, "HP=" + fx.http, "UP=" + fx.udp, "QP=" + fx.silentPort}))
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	st := s.r.RunScript(ctx, script)
	s.done()
	require.NoError(t, ctx.Err(), "script timed out")
	return s.stdout.String(), s.stderr.String(), st
}

// normal replaces the fixture's ports by their variable names.
func (fx *tlsFixture) normal(s string) string {
	return strings.NewReplacer(fx.echo, "$EP", fx.https, "$SP", fx.http, "$HP", fx.udp, "$UP", fx.silentPort, "$QP").Replace(s)
}

func TestTLSRedirections(t *testing.T) {
	checkLeaks(t)
	fx := newTLSFixture(t)
	tests := []struct {
		name       string
		script     string
		wantOut    string
		wantErr    string
		wantStatus int
	}{
		{
			name: "verified with SSL_CERT_FILE set in the script",
			script: `SSL_CERT_FILE=ca.pem
exec 3<>/dev/tls/localhost/$EP
echo hi >&3; read -r x <&3; echo "$x"`,
			wantOut: "echo:hi\n",
		},
		{
			name:    "refused without it",
			script:  "exec 3<>/dev/tls/127.0.0.1/$EP\necho \"st=$?\"",
			wantOut: "st=1\n",
			wantErr: "tcpsh: line 1: /dev/tls/127.0.0.1/$EP: x509: certificate signed by unknown authority\n",
		},
		{
			name:       "refused in a one-shot redirection",
			script:     "cat </dev/tls/localhost/$EP",
			wantErr:    "tcpsh: line 1: /dev/tls/localhost/$EP: x509: certificate signed by unknown authority\n",
			wantStatus: 1,
		},
		{
			name: "accepted with TCPSH_TLS_INSECURE=1",
			script: `TCPSH_TLS_INSECURE=1
exec 3<>/dev/tls/127.0.0.1/$EP
echo hi >&3; read -r x <&3; echo "$x"`,
			wantOut: "echo:hi\n",
		},
		{
			name: "read at each open",
			script: `SSL_CERT_FILE=ca.pem
exec 3<>/dev/tls/localhost/$EP && echo first
unset SSL_CERT_FILE
exec 4<>/dev/tls/localhost/$EP || echo second refused`,
			wantOut: "first\nsecond refused\n",
			wantErr: "tcpsh: line 4: /dev/tls/localhost/$EP: x509: certificate signed by unknown authority\n",
		},
		{
			name:       "bad SSL_CERT_FILE",
			script:     "SSL_CERT_FILE=nope.pem\ncat </dev/tls/localhost/$EP",
			wantErr:    "tcpsh: line 2: /dev/tls/localhost/$EP: SSL_CERT_FILE=nope.pem: No such file or directory\n",
			wantStatus: 1,
		},
		{
			name:       "not a TLS server",
			script:     "TCPSH_CONNECT_TIMEOUT=0.3\ncat </dev/tls/127.0.0.1/$QP",
			wantErr:    "tcpsh: connect: Connection timed out\ntcpsh: line 2: /dev/tls/127.0.0.1/$QP: Connection timed out\n",
			wantStatus: 1,
		},
		{
			name: "HTTP GET over TLS",
			script: `SSL_CERT_FILE=ca.pem
exec 3<>/dev/tls/localhost/$SP
printf 'GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' >&3
tr -d '\r' <&3`,
			wantOut: "HTTP/1.1 200 OK\nDate: Mon, 30 Nov 2026 10:00:00 GMT\nContent-Length: 29\nContent-Type: text/plain; charset=utf-8\nConnection: close\n\nhello over HTTP/1.1 tls=true\n",
		},
		{
			name: "builtin read, then an external cat gets the rest",
			script: `SSL_CERT_FILE=ca.pem
exec 3<>/dev/tls/localhost/$SP
printf 'GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' >&3
read -r status <&3; echo "${status%$'\r'}"
enable -n cat
cat <&3 | tail -n 1`,
			wantOut: "HTTP/1.1 200 OK\nhello over HTTP/1.1 tls=true\n",
		},
		{
			name: "external programs read and write a TLS fd",
			script: `SSL_CERT_FILE=ca.pem
exec 3<>/dev/tls/localhost/$EP
/bin/sh -c 'echo one >&3; echo two >&3'
/bin/sh -c 'IFS= read -r l; echo "sh: $l"' <&3
read -r x <&3; echo "$x"`,
			wantOut: "sh: echo:one\necho:two\n",
		},
		{
			name: "pipelines run while a TLS fd is open",
			script: `SSL_CERT_FILE=ca.pem
exec 3<>/dev/tls/localhost/$EP
seq 3 | wc -l
echo hi >&3
{ read -r x <&3; echo "$x"; } | /bin/cat`,
			wantOut: "3\necho:hi\n",
		},
		{
			name: "a TLS fd is read by external commands only as stdin",
			script: `SSL_CERT_FILE=ca.pem
exec 3<>/dev/tls/localhost/$EP
echo hi >&3
/bin/sh -c 'cat <&3; echo "eof at 3"'
/bin/sh -c 'IFS= read -r l; echo "$l"' <&3 | cat`,
			wantOut: "eof at 3\necho:hi\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, st := fx.run(t, tt.script)
			assert.Equal(t, tt.wantOut, out)
			assert.Equal(t, tt.wantErr, fx.normal(errOut))
			assert.Equal(t, tt.wantStatus, st)
		})
	}
}

func TestTLSFdAndLsof(t *testing.T) {
	checkLeaks(t)
	fx := newTLSFixture(t)
	norm := &normalizer{subst: []string{":" + fx.echo, ":$EP"}}
	setup := "SSL_CERT_FILE=ca.pem\nexec 3<>/dev/tls/localhost/$EP\nTCPSH_TLS_INSECURE=1\nexec 4<>/dev/tls/127.0.0.1/$EP\necho hi >&3; read -r x <&3\n"
	tests := []struct {
		name    string
		kind    string
		script  string
		wantOut string
	}{
		{
			name:   "fd",
			kind:   "fd",
			script: "fd 3 4",
			wantOut: `FD MODE TYPE TARGET STATE IN OUT AGE
3 rw tls 127.0.0.1:PORT -> 127.0.0.1:$EP (localhost) [TLS 1.3 CN=localhost,O=tcpsh test] ESTABLISHED 8 3 AGE
4 rw tls 127.0.0.1:PORT -> 127.0.0.1:$EP [TLS 1.3 CN=localhost,O=tcpsh test, unverified] ESTABLISHED 0 0 AGE
`,
		},
		{
			name:   "fd -l",
			kind:   "fd-l",
			script: "fd -l 3",
			wantOut: `FD MODE TYPE TARGET STATE IN OUT AGE OSFD INODE OBJECT
3 rw tls 127.0.0.1:PORT -> 127.0.0.1:$EP (localhost) [TLS 1.3 CN=localhost,O=tcpsh test] ESTABLISHED 8 3 AGE OSFD INODE socket:[INODE]
`,
		},
		{
			name:    "fd --json",
			kind:    "json",
			script:  "fd --json 4",
			wantOut: `"type":"tls"` + "\n" + `"tls_version":"TLS 1.3","tls_subject":"CN=localhost,O=tcpsh test","tls_verified":false` + "\n",
		},
		{
			name:   "lsof",
			kind:   "lsof",
			script: "lsof -nP -a -p $$ -i TCP",
			wantOut: `COMMAND PID USER FD TYPE DEVICE SIZE/OFF NODE NAME
tcpsh PID USER 3u IPv4 INODE 0t0 TCP 127.0.0.1:PORT->127.0.0.1:$EP (ESTABLISHED) [TLS 1.3 CN=localhost,O=tcpsh test]
tcpsh PID USER 4u IPv4 INODE 0t0 TCP 127.0.0.1:PORT->127.0.0.1:$EP (ESTABLISHED) [TLS 1.3 CN=localhost,O=tcpsh test, unverified]
`,
		},
	}
	reJSON := regexp.MustCompile(`"type":"[^"]*"|"tls_version".*"tls_verified":(true|false)`)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, st := fx.run(t, setup+tt.script)
			out = strings.ReplaceAll(out, " "+strconv.Itoa(os.Getpid())+" ", " PID ")
			if tt.kind == "json" {
				out = strings.Join(reJSON.FindAllString(out, -1), "\n") + "\n"
			} else {
				out = norm.text(tt.kind, out)
			}
			assert.Equal(t, tt.wantOut, out)
			assert.Equal(t, "", errOut)
			assert.Equal(t, 0, st)
		})
	}
}

func TestHalfcloseBuiltin(t *testing.T) {
	checkLeaks(t)
	fx := newTLSFixture(t)
	request := `printf 'GET / HTTP/1.1\r\nHost: h\r\n\r\n' >&3` + "\n"
	tests := []struct {
		name       string
		script     string
		wantOut    string // a regular expression
		wantErr    string
		wantStatus int
	}{
		{
			name: "HTTP/1.1 read ends when net/http closes",
			script: "exec 3<>/dev/tcp/127.0.0.1/$HP\n" + request + `halfclose 3
fd 3 | tail -n 1 | { read -r n m k target arrow peer state rest; echo "$k $state"; }
cat <&3 | tr -d '\r' | tail -n 1
echo "st=$?"`,
			wantOut: `^tcp \S+/SHUT_WR\nhello over HTTP/1.1 tls=false\nst=0\n$`,
		},
		{
			name: "over TLS",
			script: "SSL_CERT_FILE=ca.pem\nexec 3<>/dev/tls/localhost/$SP\n" + request + `halfclose -w 3
fd --json 3 | grep -o '"shut":"[A-Z_]*"'
cat <&3 | tr -d '\r' | tail -n 1`,
			wantOut: `^"shut":"SHUT_WR"\nhello over HTTP/1.1 tls=true\n$`,
		},
		{
			name: "read half, then both",
			script: `exec 3<>/dev/tcp/127.0.0.1/$HP
halfclose -r 3; fd --json 3 | grep -o '"shut":"[A-Z_]*"'
cat <&3; echo "cat=$?"
halfclose -w 3; fd --json 3 | grep -o '"shut":"[A-Z_]*"'`,
			wantOut: `^"shut":"SHUT_RD"\ncat=0\n"shut":"SHUT_RDWR"\n$`,
		},
		{
			name:       "UDP",
			script:     "exec 4<>/dev/udp/127.0.0.1/$UP\nhalfclose 4",
			wantErr:    "tcpsh: line 2: halfclose: 4: not a TCP or TLS connection\n",
			wantStatus: 1,
		},
		{
			name:       "file and closed fd",
			script:     "exec 5<ca.pem\nhalfclose 5 7",
			wantErr:    "tcpsh: line 2: halfclose: 5: not a TCP or TLS connection\ntcpsh: line 2: halfclose: 7: Bad file descriptor\n",
			wantStatus: 1,
		},
		{
			name:       "bad number",
			script:     "halfclose x",
			wantErr:    "tcpsh: line 1: halfclose: x: invalid file descriptor specification\n",
			wantStatus: 1,
		},
		{
			name:       "no operand",
			script:     "halfclose -w",
			wantErr:    "halfclose: usage: halfclose [-r|-w] fd ...\n",
			wantStatus: 2,
		},
		{
			name:       "grouped options, then --",
			script:     "halfclose -rw -- -1",
			wantErr:    "tcpsh: line 1: halfclose: -1: invalid file descriptor specification\n",
			wantStatus: 1,
		},
		{
			name:       "bad option",
			script:     "halfclose -x 3",
			wantErr:    "tcpsh: line 1: halfclose: -x: invalid option\nhalfclose: usage: halfclose [-r|-w] fd ...\n",
			wantStatus: 2,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, st := fx.run(t, tt.script)
			assert.Regexp(t, tt.wantOut, out)
			assert.Equal(t, tt.wantErr, errOut)
			assert.Equal(t, tt.wantStatus, st)
		})
	}
}
