// Package tlstest makes what tcpsh's TLS tests need: a throwaway
// certificate authority, a server certificate it signed for localhost,
// 127.0.0.1 and ::1 (ECDSA P-256, valid for a day), and TLS servers on
// 127.0.0.1:0 that stop when the test ends. Tests only: nothing here
// verifies anything.
package tlstest

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// Subject is the subject of the server certificate, as
// pkix.Name.String prints it.
const Subject = "CN=localhost,O=tcpsh test"

// PKI is a certificate authority and a server certificate it signed.
type PKI struct {
	// CAPEM is the CA's certificate, PEM-encoded: a bundle for
	// SSL_CERT_FILE.
	CAPEM []byte
	// Pool holds the CA's certificate.
	Pool *x509.CertPool
	// Server is the server's certificate chain and key.
	Server tls.Certificate
}

// New makes a fresh CA and server certificate, failing t on error.
func New(t testing.TB) *PKI {
	t.Helper()
	p, err := newPKI()
	if err != nil {
		t.Fatalf("tlstest: %v", err)
	}
	return p
}

func newPKI() (*PKI, error) {
	now := time.Now()
	caKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	caTmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "tcpsh test CA", Organization: []string{"tcpsh test"}},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.Add(24 * time.Hour),
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature,
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	if err != nil {
		return nil, err
	}
	caCert, err := x509.ParseCertificate(caDER)
	if err != nil {
		return nil, err
	}
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(2),
		Subject:      pkix.Name{CommonName: "localhost", Organization: []string{"tcpsh test"}},
		NotBefore:    now.Add(-time.Hour),
		NotAfter:     now.Add(24 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		DNSNames:     []string{"localhost"},
		IPAddresses:  []net.IP{net.IPv4(127, 0, 0, 1), net.IPv6loopback},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, caCert, &key.PublicKey, caKey)
	if err != nil {
		return nil, err
	}
	pool := x509.NewCertPool()
	pool.AddCert(caCert)
	return &PKI{
		CAPEM:  pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: caDER}),
		Pool:   pool,
		Server: tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key},
	}, nil
}

// WriteCA writes CAPEM to dir/ca.pem and returns that path.
func (p *PKI) WriteCA(t testing.TB, dir string) string {
	t.Helper()
	path := filepath.Join(dir, "ca.pem")
	if err := os.WriteFile(path, p.CAPEM, 0o644); err != nil {
		t.Fatalf("tlstest: %v", err)
	}
	return path
}

// ServerConfig is a server configuration with the server certificate,
// offering ALPN http/1.1.
func (p *PKI) ServerConfig() *tls.Config {
	return &tls.Config{Certificates: []tls.Certificate{p.Server}, NextProtos: []string{"http/1.1"}}
}

// ClientConfig trusts the CA (and nothing else).
func (p *PKI) ClientConfig() *tls.Config {
	return &tls.Config{RootCAs: p.Pool}
}

// Serve runs handle for each TLS connection accepted on 127.0.0.1:0
// (closing the connection after it) until the test ends; then it closes
// the listener and the open connections and waits for the handlers. It
// returns the port. A handshake failure ends that connection only.
func (p *PKI) Serve(t testing.TB, handle func(c *tls.Conn)) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("tlstest: %v", err)
	}
	conf := p.ServerConfig()
	var wg sync.WaitGroup
	var mu sync.Mutex
	conns := map[net.Conn]bool{}
	closed := false
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			if closed {
				mu.Unlock()
				c.Close()
				return
			}
			conns[c] = true
			wg.Add(1)
			mu.Unlock()
			go func() {
				defer wg.Done()
				tc := tls.Server(c, conf)
				if tc.Handshake() == nil {
					handle(tc)
				}
				tc.Close()
				mu.Lock()
				delete(conns, c)
				mu.Unlock()
			}()
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		mu.Lock()
		closed = true
		for c := range conns {
			c.Close()
		}
		mu.Unlock()
		wg.Wait()
	})
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	return port
}
