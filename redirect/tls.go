package redirect

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"net"
	"os"
	"path/filepath"
)

// The variables NewTLSConfig reads.
const (
	// TLSInsecureVar, set to anything but "" or "0", turns certificate
	// verification off.
	TLSInsecureVar = "TCPSH_TLS_INSECURE"
	// CertFileVar names a PEM bundle of CA certificates that replaces the
	// system roots, as for OpenSSL and Go programs.
	CertFileVar = "SSL_CERT_FILE"
)

// ALPNHTTP1 is the application protocol /dev/tls offers: scripts speak
// HTTP/1.1 (or a line protocol) over it, never HTTP/2.
const ALPNHTTP1 = "http/1.1"

// NewTLSConfig returns the client configuration of one /dev/tls open,
// read from a session's variables through getvar (which returns "" for an
// unset variable; a nil getvar means none is set):
//
//   - TCPSH_TLS_INSECURE set to anything but "" or "0" skips verification
//     of the server's certificate chain and host name;
//   - SSL_CERT_FILE names a file of PEM certificates that replaces the
//     system roots. The file is read at every call, since a script may
//     set the variable at any time (Go's own reading of SSL_CERT_FILE
//     happens once per process, from the environment only).
//
// The configuration offers ALPN http/1.1; ServerName is left for Dial to
// fill in from the host. A file that cannot be read or holds no
// certificate is an error worded for the shell:
// "SSL_CERT_FILE=ca.pem: No such file or directory".
func NewTLSConfig(getvar func(name string) string, dir string) (*tls.Config, error) {
	if getvar == nil {
		getvar = func(string) string { return "" }
	}
	conf := &tls.Config{NextProtos: []string{ALPNHTTP1}}
	if v := getvar(TLSInsecureVar); v != "" && v != "0" {
		conf.InsecureSkipVerify = true
	}
	if file := getvar(CertFileVar); file != "" {
		full := file
		if dir != "" && !filepath.IsAbs(file) {
			full = filepath.Join(dir, file)
		}
		data, err := os.ReadFile(full)
		if err != nil {
			return nil, &certFileError{file: file, reason: Errno(err)}
		}
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(data) {
			return nil, &certFileError{file: file, reason: "no PEM certificate found"}
		}
		conf.RootCAs = pool
	}
	return conf, nil
}

// certFileError is a bad SSL_CERT_FILE. It carries text only, so that
// Errno words it as a whole ("SSL_CERT_FILE=x: Permission denied").
type certFileError struct {
	file, reason string
}

func (e *certFileError) Error() string { return CertFileVar + "=" + e.file + ": " + e.reason }

// tlsConfig is the configuration for opening t: the Dialer's TLSConfig
// (or NewTLSConfig's defaults), copied, with ServerName and NextProtos
// filled in.
func (d *Dialer) tlsConfig(t Target) (*tls.Config, error) {
	var conf *tls.Config
	var err error
	if d != nil && d.TLSConfig != nil {
		conf, err = d.TLSConfig()
	} else {
		conf, err = NewTLSConfig(nil, "")
	}
	if err != nil {
		var re *Error
		if errors.As(err, &re) {
			return nil, err
		}
		return nil, &Error{Path: t.Path, Err: err}
	}
	if conf == nil {
		conf = &tls.Config{}
	} else {
		conf = conf.Clone()
	}
	if conf.ServerName == "" {
		conf.ServerName = t.Host // SNI (not sent for IP literals) and the name verified
	}
	if conf.NextProtos == nil {
		conf.NextProtos = []string{ALPNHTTP1}
	}
	return conf, nil
}

// handshake runs the TLS client handshake on conn under ctx (so the
// connect timeout and Ctrl-C stop it) and returns the *tls.Conn, or closes
// conn and returns an *Error: a timeout or an interruption as for
// connect ("connect: Connection timed out"), anything else with the TLS
// reason and no notice, e.g. "/dev/tls/h/443: x509: certificate signed by
// unknown authority".
func handshake(ctx context.Context, t Target, conn net.Conn, conf *tls.Config) (net.Conn, error) {
	tc := tls.Client(conn, conf)
	err := tc.HandshakeContext(ctx)
	if err == nil {
		return tc, nil
	}
	_ = conn.Close()
	if ctx.Err() != nil {
		return nil, dialError(ctx, t, err)
	}
	return nil, &Error{Path: t.Path, Err: tlsReason(err)}
}

// TLSError is the reason a TLS handshake failed, as the shell prints it:
// Go's error without its "tls: failed to verify certificate: " wrapping
// (the x509 reason says it all), and "tls: handshake: connection closed
// by peer" for an end of file. Unwrap gives the original error.
type TLSError struct {
	// Reason is the text printed after the path.
	Reason string
	// Err is the handshake's error.
	Err error
}

// Error returns Reason.
func (e *TLSError) Error() string { return e.Reason }

// Unwrap returns Err.
func (e *TLSError) Unwrap() error { return e.Err }

// tlsReason words a handshake error. Errno still words system errors
// (a reset) by their errno.
func tlsReason(err error) error {
	var cve *tls.CertificateVerificationError
	switch {
	case errors.As(err, &cve) && cve.Err != nil:
		return &TLSError{Reason: cve.Err.Error(), Err: err}
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return &TLSError{Reason: "tls: handshake: connection closed by peer", Err: err}
	}
	return &TLSError{Reason: err.Error(), Err: err}
}
