package shell

import (
	"crypto/tls"

	"tcpsh/fdtable"
	"tcpsh/redirect"
)

// tlsConfig is the TLS configuration of a /dev/tls open: it reads
// TCPSH_TLS_INSECURE and SSL_CERT_FILE from the session's variables,
// exported or not, at every open (so `SSL_CERT_FILE=ca.pem` set in a
// script applies to the next open), a relative SSL_CERT_FILE being taken
// from the shell's working directory.
func (r *Runner) tlsConfig() (*tls.Config, error) {
	return redirect.NewTLSConfig(r.getString, r.dir)
}

// rowType is the fd builtin's TYPE: "tls" for a TLS connection (a TCP
// channel underneath), else the channel's kind.
func rowType(in fdtable.Info) string {
	if in.TLSVersion != "" {
		return "tls"
	}
	return in.Kind.String()
}

// tlsNote is what TARGET (fd) and NAME (lsof) add for a TLS connection:
// the version and the peer certificate's subject,
// "[TLS 1.3 CN=localhost]", with ", unverified" when verification was
// skipped (TCPSH_TLS_INSECURE).
func tlsNote(in fdtable.Info) string {
	if in.TLSVersion == "" {
		return ""
	}
	s := "[" + in.TLSVersion
	if in.TLSSubject != "" {
		s += " " + in.TLSSubject
	}
	if !in.TLSVerified {
		s += ", unverified"
	}
	return s + "]"
}

// tlsJSON fills the TLS and half-close fields of `fd --json`.
func (row *fdRow) tlsJSON(j *fdJSON) {
	in := row.info
	j.Shut = shutNote(in)
	if in.TLSVersion == "" {
		return
	}
	j.TLSVersion, j.TLSSubject = in.TLSVersion, in.TLSSubject
	v := in.TLSVerified
	j.TLSVerify = &v
}
