//go:build linux

package main

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"golang.org/x/sys/unix"
)

// startTCP serves handle on 127.0.0.1:0 until the test ends and returns
// the port. Every connection is closed after handle returns.
func startTCP(t *testing.T, handle func(c *net.TCPConn)) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	return serveUntilCleanup(t, ln, func(c net.Conn) { handle(c.(*net.TCPConn)) })
}

// serveUntilCleanup serves handle on ln until the test ends and returns
// the port.
func serveUntilCleanup(t *testing.T, ln net.Listener, handle func(net.Conn)) string {
	srv := serveConns(ln, handle)
	t.Cleanup(srv.stop)
	return srv.port()
}

// startHTTP serves h on 127.0.0.1:0 until the test ends and returns the
// port.
func startHTTP(t *testing.T, h http.HandlerFunc) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	t.Cleanup(serveHTTP(ln, h))
	return portOf(ln.Addr())
}

// resetHandler waits a moment, then aborts the connection with a RST.
// (Resetting at once can make Go's non-blocking connect itself report
// ECONNRESET, where bash's blocking connect had already succeeded.)
func resetHandler(c *net.TCPConn) {
	time.Sleep(100 * time.Millisecond)
	c.SetLinger(0)
}

// closeHandler closes the connection at once with a FIN: the client's
// second write then fails with EPIPE.
func closeHandler(c *net.TCPConn) {}

// lineEchoHandler echoes one line and closes.
func lineEchoHandler(c *net.TCPConn) {
	line, err := bufio.NewReader(c).ReadString('\n')
	if err == nil {
		io.WriteString(c, "echo: "+line)
	}
}

// sendHandler sends s and closes.
func sendHandler(s string) func(c *net.TCPConn) {
	return func(c *net.TCPConn) { io.WriteString(c, s) }
}

// fullBacklog returns the port of a listener whose accept queue is full,
// so that a further connect gets no answer (its SYN is dropped).
func fullBacklog(t *testing.T) string {
	t.Helper()
	fd, err := unix.Socket(unix.AF_INET, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, 0)
	require.NoError(t, err)
	t.Cleanup(func() { unix.Close(fd) })
	require.NoError(t, unix.Bind(fd, &unix.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}))
	require.NoError(t, unix.Listen(fd, 0))
	sa, err := unix.Getsockname(fd)
	require.NoError(t, err)
	port := strconv.Itoa(sa.(*unix.SockaddrInet4).Port)
	// Fill the queue: dial until one connect times out.
	for i := 0; i < 8; i++ {
		c, err := net.DialTimeout("tcp", "127.0.0.1:"+port, 200*time.Millisecond)
		if err != nil {
			return port
		}
		t.Cleanup(func() { c.Close() })
	}
	t.Fatal("could not fill the listen backlog")
	return ""
}

// bigBody is a deterministic pseudo-random body of n bytes.
type bigBody struct {
	block []byte
	n     int64
}

func newBigBody(n int64) *bigBody {
	r := rand.New(rand.NewPCG(1, 2))
	block := make([]byte, 1<<20)
	for i := range block {
		block[i] = byte(r.Uint32())
	}
	return &bigBody{block: block, n: n}
}

func (b *bigBody) writeTo(w io.Writer) error {
	for left := b.n; left > 0; {
		chunk := b.block
		if int64(len(chunk)) > left {
			chunk = chunk[:left]
		}
		if _, err := w.Write(chunk); err != nil {
			return err
		}
		left -= int64(len(chunk))
	}
	return nil
}

func (b *bigBody) sha256() string {
	h := sha256.New()
	b.writeTo(h)
	return hex.EncodeToString(h.Sum(nil))
}

// sha256Hex is the hex SHA-256 of b.
func sha256Hex(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// startBigHTTP serves body at /big with a Content-Length.
func startBigHTTP(t *testing.T, body *bigBody) string {
	return startHTTP(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", strconv.FormatInt(body.n, 10))
		body.writeTo(w)
	})
}

// respHandler is a tiny RESP (Redis protocol) server: PING, ECHO, SET,
// GET, DEL, INCR, LPUSH/LRANGE over an in-memory map shared by the
// connections of one server.
type respServer struct {
	mu    sync.Mutex
	data  map[string]string
	lists map[string][]string
}

func startRESP(t *testing.T) string {
	s := &respServer{data: map[string]string{}, lists: map[string][]string{}}
	return startTCP(t, s.handle)
}

func (s *respServer) handle(c *net.TCPConn) {
	br := bufio.NewReader(c)
	for {
		args, err := readRESPArray(br)
		if err != nil {
			if err != io.EOF {
				fmt.Fprintf(c, "-ERR protocol error: %v\r\n", err)
			}
			return
		}
		io.WriteString(c, s.do(args))
	}
}

func bulk(s string) string { return fmt.Sprintf("$%d\r\n%s\r\n", len(s), s) }

func (s *respServer) do(args []string) string {
	if len(args) == 0 {
		return "-ERR empty command\r\n"
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	cmd := strings.ToUpper(args[0])
	arity := map[string]int{"PING": 1, "ECHO": 2, "SET": 3, "GET": 2, "DEL": 2, "INCR": 2, "LPUSH": 3, "LRANGE": 4}
	if n, ok := arity[cmd]; !ok {
		return fmt.Sprintf("-ERR unknown command '%s'\r\n", args[0])
	} else if len(args) != n {
		return fmt.Sprintf("-ERR wrong number of arguments for '%s' command\r\n", strings.ToLower(cmd))
	}
	switch cmd {
	case "PING":
		return "+PONG\r\n"
	case "ECHO":
		return bulk(args[1])
	case "SET":
		s.data[args[1]] = args[2]
		return "+OK\r\n"
	case "GET":
		v, ok := s.data[args[1]]
		if !ok {
			return "$-1\r\n"
		}
		return bulk(v)
	case "DEL":
		_, ok := s.data[args[1]]
		delete(s.data, args[1])
		if ok {
			return ":1\r\n"
		}
		return ":0\r\n"
	case "INCR":
		n, err := strconv.Atoi(s.data[args[1]])
		if err != nil && s.data[args[1]] != "" {
			return "-ERR value is not an integer or out of range\r\n"
		}
		s.data[args[1]] = strconv.Itoa(n + 1)
		return fmt.Sprintf(":%d\r\n", n+1)
	case "LPUSH":
		s.lists[args[1]] = append([]string{args[2]}, s.lists[args[1]]...)
		return fmt.Sprintf(":%d\r\n", len(s.lists[args[1]]))
	default: // LRANGE key 0 -1 (whole list only)
		l := s.lists[args[1]]
		out := fmt.Sprintf("*%d\r\n", len(l))
		for _, v := range l {
			out += bulk(v)
		}
		return out
	}
}

// readRESPArray reads one command: an array of bulk strings.
func readRESPArray(br *bufio.Reader) ([]string, error) {
	line, err := br.ReadString('\n')
	if err != nil {
		return nil, err
	}
	if !strings.HasPrefix(line, "*") || !strings.HasSuffix(line, "\r\n") {
		return nil, fmt.Errorf("want an array, got %q", line)
	}
	n, err := strconv.Atoi(strings.TrimSuffix(line[1:], "\r\n"))
	if err != nil || n < 0 || n > 64 {
		return nil, fmt.Errorf("bad array length %q", line)
	}
	args := make([]string, n)
	for i := range args {
		line, err := br.ReadString('\n')
		if err != nil {
			return nil, err
		}
		if !strings.HasPrefix(line, "$") || !strings.HasSuffix(line, "\r\n") {
			return nil, fmt.Errorf("want a bulk string, got %q", line)
		}
		l, err := strconv.Atoi(strings.TrimSuffix(line[1:], "\r\n"))
		if err != nil || l < 0 || l > 1<<20 {
			return nil, fmt.Errorf("bad bulk length %q", line)
		}
		buf := make([]byte, l+2)
		if _, err := io.ReadFull(br, buf); err != nil {
			return nil, err
		}
		if string(buf[l:]) != "\r\n" {
			return nil, fmt.Errorf("bulk string not ended by CRLF")
		}
		args[i] = string(buf[:l])
	}
	return args, nil
}
