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
	echo, banner *connServer
	httpLn       net.Listener
	stopHTTP     func()
	udp          net.PacketConn
	udpDone      chan struct{}
	refused      int
}

// startServers starts every server on 127.0.0.1:0.
func startServers() (*testServers, error) {
	var lns [4]net.Listener // echo, banner, HTTP, refused
	closeAll := func(lns []net.Listener) {
		for _, ln := range lns {
			_ = ln.Close()
		}
	}
	for i := range lns {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			closeAll(lns[:i])
			return nil, err
		}
		lns[i] = ln
	}
	udp, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		closeAll(lns[:])
		return nil, err
	}
	// A port that was just free: connecting to it is refused.
	refused := lns[3].Addr().(*net.TCPAddr).Port
	_ = lns[3].Close()
	s := &testServers{
		echo:     serveConns(lns[0], echoConn),
		banner:   serveConns(lns[1], func(c net.Conn) { _, _ = io.WriteString(c, bannerText) }),
		httpLn:   lns[2],
		stopHTTP: serveHTTP(lns[2], http.HandlerFunc(httpHandler)),
		udp:      udp,
		udpDone:  make(chan struct{}),
		refused:  refused,
	}
	go func() {
		defer close(s.udpDone)
		echoPackets(udp)
	}()
	return s, nil
}

// echoConn sends everything it reads back.
func echoConn(c net.Conn) { _, _ = io.Copy(c, c) }

// echoPackets sends every datagram on pc back to its sender until pc is
// closed.
func echoPackets(pc net.PacketConn) {
	buf := make([]byte, 65536)
	for {
		n, addr, err := pc.ReadFrom(buf)
		if err != nil {
			return
		}
		_, _ = pc.WriteTo(buf[:n], addr)
	}
}

// connServer runs a handler per connection accepted on a listener.
type connServer struct {
	ln     net.Listener
	wg     sync.WaitGroup
	mu     sync.Mutex
	conns  map[net.Conn]bool
	closed bool
}

// serveConns accepts connections on ln and runs handle on each, closing
// the connection afterwards, until stop.
func serveConns(ln net.Listener, handle func(net.Conn)) *connServer {
	s := &connServer{ln: ln, conns: map[net.Conn]bool{}}
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
			s.conns[c] = true
			s.wg.Add(1)
			s.mu.Unlock()
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
	return s
}

// port is the listener's port.
func (s *connServer) port() string { return portOf(s.ln.Addr()) }

// stop closes the listener and every open connection and waits for the
// handlers.
func (s *connServer) stop() {
	_ = s.ln.Close()
	s.mu.Lock()
	s.closed = true
	for c := range s.conns {
		_ = c.Close()
	}
	s.mu.Unlock()
	s.wg.Wait()
}

// serveHTTP serves h on ln until the returned function is called. No Date
// header is sent, so that responses are byte-for-byte stable.
func serveHTTP(ln net.Listener, h http.Handler) (stop func()) {
	srv := &http.Server{
		Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header()["Date"] = nil
			h.ServeHTTP(w, r)
		}),
		ReadHeaderTimeout: 10 * time.Second,
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = srv.Serve(ln)
	}()
	return func() {
		_ = srv.Close()
		<-done
	}
}

// portOf is the port of a TCP or UDP address.
func portOf(a net.Addr) string {
	_, p, _ := net.SplitHostPort(a.String())
	return p
}

// env returns the NAME=port variables exported to the scripts.
func (s *testServers) env() []string {
	return []string{
		"ECHO_PORT=" + s.echo.port(),
		"BANNER_PORT=" + s.banner.port(),
		"HTTP_PORT=" + portOf(s.httpLn.Addr()),
		"UDP_PORT=" + portOf(s.udp.LocalAddr()),
		"REFUSED_PORT=" + strconv.Itoa(s.refused),
	}
}

// close stops every server and waits for their goroutines.
func (s *testServers) close() {
	s.echo.stop()
	s.banner.stop()
	s.stopHTTP()
	_ = s.udp.Close()
	<-s.udpDone
}

// httpHandler serves the fixed routes used by the corpus:
//
//	/          rootBody
//	/len/N     N bytes of a repeating alphabet
//	/lines/N   N numbered lines
//	/method    the request method and path
//	anything else: 404 with a fixed body
func httpHandler(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
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
