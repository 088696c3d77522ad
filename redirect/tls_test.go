package redirect

import (
	"bufio"
	"context"
	"crypto/tls"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tcpsh/redirect/tlstest"
)

func TestParsePathTLS(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		path string
		want Target
	}{
		{name: "host and port", path: "/dev/tls/example.org/443",
			want: Target{Kind: TLS, Host: "example.org", Port: "443", Path: "/dev/tls/example.org/443"}},
		{name: "service name", path: "/dev/tls/localhost/https",
			want: Target{Kind: TLS, Host: "localhost", Port: "https", Path: "/dev/tls/localhost/https"}},
		{name: "bracketed IPv6", path: "/dev/tls/[::1]/8443",
			want: Target{Kind: TLS, Host: "::1", Port: "8443", Path: "/dev/tls/[::1]/8443"}},
		{name: "no port slash is a file", path: "/dev/tls/example.org",
			want: Target{Kind: NotSpecial, Path: "/dev/tls/example.org"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := ParsePath(tc.path)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
	assert.Equal(t, "TLS", TLS.String())
	assert.True(t, TLS.IsNetwork())
	assert.False(t, TLS.IsDup())
	_, err := ParsePath("/dev/tls/h/70000")
	assert.EqualError(t, err, "/dev/tls/h/70000: invalid port number")
}

func TestNewTLSConfig(t *testing.T) {
	t.Parallel()
	pki := tlstest.New(t)
	dir := t.TempDir()
	pki.WriteCA(t, dir)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "junk.pem"), []byte("not a certificate\n"), 0o644))
	tests := []struct {
		name     string
		vars     map[string]string
		dir      string
		insecure bool
		ownRoots bool
		err      string
	}{
		{name: "no variables"},
		{name: "insecure", vars: map[string]string{"TCPSH_TLS_INSECURE": "1"}, insecure: true},
		{name: "insecure yes", vars: map[string]string{"TCPSH_TLS_INSECURE": "yes"}, insecure: true},
		{name: "insecure 0 is off", vars: map[string]string{"TCPSH_TLS_INSECURE": "0"}},
		{name: "absolute bundle", vars: map[string]string{"SSL_CERT_FILE": filepath.Join(dir, "ca.pem")}, ownRoots: true},
		{name: "relative bundle", vars: map[string]string{"SSL_CERT_FILE": "ca.pem"}, dir: dir, ownRoots: true},
		{name: "missing bundle", vars: map[string]string{"SSL_CERT_FILE": "nope.pem"}, dir: dir,
			err: "SSL_CERT_FILE=nope.pem: No such file or directory"},
		{name: "no certificate", vars: map[string]string{"SSL_CERT_FILE": "junk.pem"}, dir: dir,
			err: "SSL_CERT_FILE=junk.pem: no PEM certificate found"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			conf, err := NewTLSConfig(func(name string) string { return tc.vars[name] }, tc.dir)
			if tc.err != "" {
				assert.EqualError(t, err, tc.err)
				assert.Equal(t, tc.err, Errno(err))
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.insecure, conf.InsecureSkipVerify)
			assert.Equal(t, tc.ownRoots, conf.RootCAs != nil)
			assert.Equal(t, []string{"http/1.1"}, conf.NextProtos)
			assert.Empty(t, conf.ServerName)
		})
	}
}

// tlsEcho serves TLS connections on 127.0.0.1:0, answering one line with
// "SNI ALPN line" (SNI "-" when none was sent), and returns its port.
func tlsEcho(t *testing.T, pki *tlstest.PKI) string {
	return pki.Serve(t, func(c *tls.Conn) {
		_ = c.SetDeadline(time.Now().Add(testTimeout))
		line, err := bufio.NewReader(c).ReadString('\n')
		if err != nil {
			return
		}
		st := c.ConnectionState()
		sni := st.ServerName
		if sni == "" {
			sni = "-"
		}
		_, _ = io.WriteString(c, sni+" "+st.NegotiatedProtocol+" "+line)
	})
}

// configFrom is a Dialer.TLSConfig reading vars.
func configFrom(vars map[string]string) func() (*tls.Config, error) {
	return func() (*tls.Config, error) {
		return NewTLSConfig(func(name string) string { return vars[name] }, "")
	}
}

func TestDialTLS(t *testing.T) {
	t.Parallel()
	pki := tlstest.New(t)
	caFile := pki.WriteCA(t, t.TempDir())
	port := tlsEcho(t, pki)
	tests := []struct {
		name  string
		host  string
		vars  map[string]string
		reply string
	}{
		{name: "verified by SSL_CERT_FILE, IP literal", host: "127.0.0.1",
			vars: map[string]string{"SSL_CERT_FILE": caFile}, reply: "- http/1.1 hi\n"},
		{name: "verified, name sent as SNI", host: "localhost",
			vars: map[string]string{"SSL_CERT_FILE": caFile}, reply: "localhost http/1.1 hi\n"},
		{name: "insecure", host: "127.0.0.1",
			vars: map[string]string{"TCPSH_TLS_INSECURE": "1"}, reply: "- http/1.1 hi\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			d := &Dialer{TLSConfig: configFrom(tc.vars)}
			conn, err := d.Dial(testCtx(t), mustParse(t, "/dev/tls/"+tc.host+"/"+port))
			require.NoError(t, err)
			defer conn.Close()
			tc1, ok := conn.(*tls.Conn)
			require.True(t, ok, "a *tls.Conn")
			assert.Equal(t, tc.vars["TCPSH_TLS_INSECURE"] == "", len(tc1.ConnectionState().VerifiedChains) > 0)
			assert.Equal(t, tc.reply, roundTrip(t, conn, "hi\n"))
		})
	}
}

// serveRaw runs handle for each plain TCP connection on 127.0.0.1:0
// until the test ends, and returns the port.
func serveRaw(t *testing.T, handle func(net.Conn)) string {
	t.Helper()
	ln := listenTCP(t, "tcp4", "127.0.0.1:0")
	var wg sync.WaitGroup
	var mu sync.Mutex
	var conns []net.Conn
	wg.Go(func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
			wg.Go(func() { handle(c) })
		}
	})
	t.Cleanup(func() {
		_ = ln.Close()
		mu.Lock()
		for _, c := range conns {
			_ = c.Close()
		}
		mu.Unlock()
		wg.Wait()
	})
	return portOf(t, ln.Addr())
}

// checkTLSError is checkError for reasons that may contain ": ": Errno
// gives the text after the path.
func checkTLSError(t *testing.T, want wantError, path string, err error) {
	t.Helper()
	var rerr *Error
	require.ErrorAs(t, err, &rerr)
	assert.Equal(t, want.notice, rerr.Notice)
	assert.Equal(t, want.withLine, rerr.NoticeHasLine)
	assert.Equal(t, want.text, rerr.Error())
	assert.Equal(t, strings.TrimPrefix(want.text, path+": "), Errno(err))
	if want.is != nil {
		assert.ErrorIs(t, err, want.is)
	}
}

func TestDialTLSErrors(t *testing.T) {
	t.Parallel()
	pki := tlstest.New(t)
	tlsPort := tlsEcho(t, pki)
	plain := serveRaw(t, func(c net.Conn) {
		_, _ = io.WriteString(c, "220 not TLS at all, sorry about that\r\n")
		_, _ = io.Copy(io.Discard, c)
	})
	closing := serveRaw(t, func(c net.Conn) {
		// Read the client's hello (closing with it unread would reset),
		// then close.
		_ = c.SetReadDeadline(time.Now().Add(200 * time.Millisecond))
		_, _ = io.Copy(io.Discard, c)
		_ = c.Close()
	})
	silent := serveRaw(t, func(c net.Conn) { _, _ = io.Copy(io.Discard, c) })
	refused := freePort(t)
	otherName := func() (*tls.Config, error) {
		return &tls.Config{RootCAs: pki.Pool, ServerName: "example.com"}, nil
	}
	tests := []struct {
		name    string
		path    string
		config  func() (*tls.Config, error)
		timeout time.Duration
		cancel  time.Duration
		want    wantError
	}{
		{name: "unknown authority", path: "/dev/tls/127.0.0.1/" + tlsPort,
			want: wantError{text: "/dev/tls/127.0.0.1/" + tlsPort + ": x509: certificate signed by unknown authority"}},
		{name: "name mismatch", path: "/dev/tls/127.0.0.1/" + tlsPort, config: otherName,
			want: wantError{text: "/dev/tls/127.0.0.1/" + tlsPort + ": x509: certificate is valid for localhost, not example.com"}},
		{name: "not a TLS server", path: "/dev/tls/127.0.0.1/" + plain, config: configFrom(nil),
			want: wantError{text: "/dev/tls/127.0.0.1/" + plain + ": tls: first record does not look like a TLS handshake"}},
		{name: "closed during the handshake", path: "/dev/tls/127.0.0.1/" + closing, config: configFrom(nil),
			want: wantError{text: "/dev/tls/127.0.0.1/" + closing + ": tls: handshake: connection closed by peer", is: io.EOF}},
		{name: "handshake times out", path: "/dev/tls/127.0.0.1/" + silent, timeout: 200 * time.Millisecond,
			want: wantError{notice: "connect: Connection timed out", text: "/dev/tls/127.0.0.1/" + silent + ": Connection timed out", is: syscall.ETIMEDOUT}},
		{name: "handshake interrupted", path: "/dev/tls/127.0.0.1/" + silent, cancel: 200 * time.Millisecond,
			want: wantError{notice: "connect: Interrupted system call", text: "/dev/tls/127.0.0.1/" + silent + ": Interrupted system call", is: syscall.EINTR}},
		{name: "refused", path: "/dev/tls/127.0.0.1/" + refused,
			want: wantError{notice: "connect: Connection refused", text: "/dev/tls/127.0.0.1/" + refused + ": Connection refused", is: syscall.ECONNREFUSED}},
		{name: "bad SSL_CERT_FILE fails before connecting", path: "/dev/tls/127.0.0.1/" + refused,
			config: configFrom(map[string]string{"SSL_CERT_FILE": "/nonexistent/ca.pem"}),
			want:   wantError{text: "/dev/tls/127.0.0.1/" + refused + ": SSL_CERT_FILE=/nonexistent/ca.pem: No such file or directory"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ctx := testCtx(t)
			if tc.cancel > 0 {
				var cancel context.CancelFunc
				ctx, cancel = context.WithCancel(ctx)
				time.AfterFunc(tc.cancel, cancel)
			}
			d := &Dialer{TLSConfig: tc.config, ConnectTimeout: tc.timeout}
			start := time.Now()
			conn, err := d.Dial(ctx, mustParse(t, tc.path))
			if conn != nil {
				conn.Close()
			}
			assert.Less(t, time.Since(start), testTimeout/2)
			checkTLSError(t, tc.want, tc.path, err)
			if tc.want.notice == "" && !strings.Contains(tc.want.text, "SSL_CERT_FILE") {
				var te *TLSError
				assert.ErrorAs(t, err, &te)
			}
		})
	}
}

// The zero Dialer verifies with the system roots.
func TestDialTLSZeroDialer(t *testing.T) {
	t.Parallel()
	port := tlsEcho(t, tlstest.New(t))
	path := "/dev/tls/localhost/" + port
	_, err := (*Dialer)(nil).Dial(testCtx(t), mustParse(t, path))
	checkTLSError(t, wantError{text: path + ": x509: certificate signed by unknown authority"}, path, err)
}
