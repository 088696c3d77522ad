package main

import (
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// bannerText is what the greeter server sends before closing the connection.
const bannerText = "220 tcpsh test banner\r\nsecond line of the banner\r\n"

// rootBody is the body of GET / on the HTTP test server.
const rootBody = "hello from the tcpsh test server\n"

// testServers holds the loopback servers the corpus scripts talk to.
type testServers struct {
	echo    net.Listener
	banner  net.Listener
	httpLn  net.Listener
	httpSrv *http.Server
	udp     net.PacketConn
	refused int
	wg      sync.WaitGroup

	mu     sync.Mutex
	conns  map[net.Conn]struct{}
	closed bool
}

// startServers starts every server on 127.0.0.1:0.
func startServers() (*testServers, error) {
	s := &testServers{conns: map[net.Conn]struct{}{}}
	var err error
	if s.echo, err = net.Listen("tcp", "127.0.0.1:0"); err != nil {
		return nil, err
	}
	if s.banner, err = net.Listen("tcp", "127.0.0.1:0"); err != nil {
		s.close()
		return nil, err
	}
	if s.httpLn, err = net.Listen("tcp", "127.0.0.1:0"); err != nil {
		s.close()
		return nil, err
	}
	if s.udp, err = net.ListenPacket("udp", "127.0.0.1:0"); err != nil {
		s.close()
		return nil, err
	}
	// A port that was just free: connecting to it is refused.
	tmp, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		s.close()
		return nil, err
	}
	s.refused = tmp.Addr().(*net.TCPAddr).Port
	_ = tmp.Close()

	s.serveTCP(s.echo, func(c net.Conn) { _, _ = io.Copy(c, c) })
	s.serveTCP(s.banner, func(c net.Conn) { _, _ = io.WriteString(c, bannerText) })
	s.httpSrv = &http.Server{Handler: http.HandlerFunc(httpHandler), ReadHeaderTimeout: 10 * time.Second}
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		_ = s.httpSrv.Serve(s.httpLn)
	}()
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		buf := make([]byte, 65536)
		for {
			n, addr, err := s.udp.ReadFrom(buf)
			if err != nil {
				return
			}
			_, _ = s.udp.WriteTo(buf[:n], addr)
		}
	}()
	return s, nil
}

// serveTCP accepts connections on ln and runs handle on each, closing the
// connection afterwards.
func (s *testServers) serveTCP(ln net.Listener, handle func(net.Conn)) {
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			s.mu.Lock()
			if s.closed {
				s.mu.Unlock()
				_ = c.Close()
				return
			}
			s.conns[c] = struct{}{}
			s.mu.Unlock()
			s.wg.Add(1)
			go func() {
				defer s.wg.Done()
				handle(c)
				_ = c.Close()
				s.mu.Lock()
				delete(s.conns, c)
				s.mu.Unlock()
			}()
		}
	}()
}

// env returns the NAME=port variables exported to the scripts.
func (s *testServers) env() []string {
	port := func(a net.Addr) string {
		_, p, _ := net.SplitHostPort(a.String())
		return p
	}
	return []string{
		"ECHO_PORT=" + port(s.echo.Addr()),
		"BANNER_PORT=" + port(s.banner.Addr()),
		"HTTP_PORT=" + port(s.httpLn.Addr()),
		"UDP_PORT=" + port(s.udp.LocalAddr()),
		"REFUSED_PORT=" + strconv.Itoa(s.refused),
	}
}

// close stops every server and waits for their goroutines.
func (s *testServers) close() {
	for _, ln := range []net.Listener{s.echo, s.banner} {
		if ln != nil {
			_ = ln.Close()
		}
	}
	if s.httpSrv != nil {
		_ = s.httpSrv.Close()
	} else if s.httpLn != nil {
		_ = s.httpLn.Close()
	}
	if s.udp != nil {
		_ = s.udp.Close()
	}
	s.mu.Lock()
	s.closed = true
	for c := range s.conns {
		_ = c.Close()
	}
	s.mu.Unlock()
	s.wg.Wait()
}

// httpHandler serves the fixed routes used by the corpus:
//
//	/          rootBody
//	/len/N     N bytes of a repeating alphabet
//	/lines/N   N numbered lines
//	/method    the request method and path
//	anything else: 404 with a fixed body
//
// No Date header is sent so that responses are byte-for-byte stable.
func httpHandler(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h["Date"] = nil
	h.Set("Content-Type", "text/plain; charset=utf-8")
	p := r.URL.Path
	var body string
	switch {
	case p == "/":
		body = rootBody
	case strings.HasPrefix(p, "/len/"):
		n, err := strconv.Atoi(strings.TrimPrefix(p, "/len/"))
		if err != nil || n < 0 || n > 1<<20 {
			http.Error(w, "bad length", http.StatusBadRequest)
			return
		}
		const alpha = "abcdefghijklmnopqrstuvwxyz"
		b := make([]byte, n)
		for i := range b {
			b[i] = alpha[i%len(alpha)]
		}
		body = string(b)
	case strings.HasPrefix(p, "/lines/"):
		n, err := strconv.Atoi(strings.TrimPrefix(p, "/lines/"))
		if err != nil || n < 0 || n > 10000 {
			http.Error(w, "bad count", http.StatusBadRequest)
			return
		}
		var sb strings.Builder
		for i := 1; i <= n; i++ {
			fmt.Fprintf(&sb, "line %d\n", i)
		}
		body = sb.String()
	case p == "/method":
		body = r.Method + " " + p + "\n"
	default:
		w.WriteHeader(http.StatusNotFound)
		_, _ = io.WriteString(w, "not found\n")
		return
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	_, _ = io.WriteString(w, body)
}

// errServersNotStarted is reported when TestMain could not start the servers.
var errServersNotStarted = errors.New("test servers not started")
