// Command servers is the helper of scripts/bench/run.sh: the loopback
// servers the workloads talk to, the machine's ceiling (plain Go readers
// and writers), and a few timing utilities. It does not import any tcpsh
// package, so that it measures the machine and not the shell.
//
// Subcommands:
//
//	servers serve -dir DIR -src-bytes N -body-len L [-src-mode M]
//	    starts on 127.0.0.1: a byte source (sends N bytes to each
//	    connection, then closes), a sink (drops what it receives, in the
//	    kernel on Linux: see discard), an echo server and a Go net/http
//	    server (GET /body: L bytes, also written to DIR/body for nginx).
//	    The source's mode "sendfile" (the default) sends the file
//	    DIR/src.data with sendfile(2), as nginx serves a file: the
//	    receiver copies cold page-cache pages and is the limit. Mode
//	    "write" writes one 256 KiB buffer over and over: the receiver gets
//	    cache-hot data and the source's own copy is the limit, whatever
//	    the receiver does. Writes DIR/ports (shell assignments) and logs
//	    one line "BYTES" per finished source or sink connection to
//	    DIR/src.log and DIR/sink.log. Runs until stdin ends.
//	servers freeport
//	    prints a free loopback TCP port (for nginx).
//	servers httpsize -port P [-path /body] [-body-len L]
//	    prints the size of one whole HTTP/1.0 response, checking the body.
//	servers repeat -n N CMD ARGS...
//	    runs CMD N times one after the other; fails if any run fails.
//	servers ceiling -src-port P -sink-port P -bytes N [-runs R]
//	    prints the median throughput of a Go read loop, a splice to
//	    /dev/null and a write loop on loopback, in GB/s.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: servers serve|freeport|httpsize|repeat|ceiling ...")
		os.Exit(2)
	}
	var err error
	args := os.Args[2:]
	switch os.Args[1] {
	case "serve":
		err = serve(args)
	case "freeport":
		err = freePort()
	case "httpsize":
		err = httpSize(args)
	case "repeat":
		err = repeat(args)
	case "ceiling":
		err = ceiling(args)
	default:
		err = fmt.Errorf("unknown subcommand %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "servers:", err)
		os.Exit(1)
	}
}

// chunk is what the source and the Go writers send: zeros, 256 KiB at a time.
var chunk = make([]byte, 256<<10)

// logger appends one line per finished connection to a file.
type logger struct {
	mu sync.Mutex
	f  *os.File
}

func (l *logger) log(n int64) {
	l.mu.Lock()
	defer l.mu.Unlock()
	fmt.Fprintf(l.f, "%d\n", n)
}

func newLogger(path string) (*logger, error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_TRUNC|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, err
	}
	return &logger{f: f}, nil
}

// listen starts a loopback listener whose connections are handled by fn.
func listen(fn func(net.Conn)) (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				if errors.Is(err, net.ErrClosed) {
					return
				}
				time.Sleep(10 * time.Millisecond) // e.g. EMFILE: retry
				continue
			}
			go func() {
				defer c.Close()
				fn(c)
			}()
		}
	}()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// writeN sends n zero bytes and returns how many were written.
func writeN(w io.Writer, n int64) (int64, error) {
	var done int64
	for done < n {
		b := chunk
		if rest := n - done; rest < int64(len(b)) {
			b = b[:rest]
		}
		k, err := w.Write(b)
		done += int64(k)
		if err != nil {
			return done, err
		}
	}
	return done, nil
}

// readLoop reads r to EOF with a buffer of size bytes and returns the
// count: the sink where discard cannot drop bytes in the kernel (not
// io.Copy(io.Discard, r), which reads 8 KiB at a time), and the ceiling's
// read loop.
func readLoop(r io.Reader, size int) (int64, error) {
	buf := make([]byte, size)
	var n int64
	for {
		k, err := r.Read(buf)
		n += int64(k)
		if err == io.EOF {
			return n, nil
		} else if err != nil {
			return n, err
		}
	}
}

// writeZeros writes a file of n zero bytes: real pages, not a sparse
// file, whose holes would all be the kernel's one shared zero page.
func writeZeros(name string, n int64) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	if _, err := writeN(f, n); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// bodyOf is the HTTP body of length n: lines of 63 'x' and a newline, the
// last one shortened, so that line readers see ordinary lines.
func bodyOf(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		if i%64 == 63 || i == n-1 {
			b[i] = '\n'
		} else {
			b[i] = 'x'
		}
	}
	return b
}

func serve(args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	dir := fs.String("dir", ".", "state directory")
	srcBytes := fs.Int64("src-bytes", 1<<30, "bytes the source sends per connection")
	bodyLen := fs.Int("body-len", 1024, "HTTP body length of /body")
	srcMode := fs.String("src-mode", "sendfile", `how the source sends: "sendfile" or "write"`)
	if err := fs.Parse(args); err != nil {
		return err
	}
	send := func(c net.Conn) (int64, error) { return writeN(c, *srcBytes) }
	switch *srcMode {
	case "write":
	case "sendfile":
		name := filepath.Join(*dir, "src.data")
		if err := writeZeros(name, *srcBytes); err != nil {
			return err
		}
		send = func(c net.Conn) (int64, error) {
			f, err := os.Open(name)
			if err != nil {
				return 0, err
			}
			defer f.Close()
			return io.Copy(c, f) // *net.TCPConn.ReadFrom: sendfile(2)
		}
	default:
		return fmt.Errorf("unknown -src-mode %q", *srcMode)
	}
	srcLog, err := newLogger(filepath.Join(*dir, "src.log"))
	if err != nil {
		return err
	}
	sinkLog, err := newLogger(filepath.Join(*dir, "sink.log"))
	if err != nil {
		return err
	}
	src, err := listen(func(c net.Conn) {
		n, _ := send(c)
		srcLog.log(n)
	})
	if err != nil {
		return err
	}
	sink, err := listen(func(c net.Conn) {
		n, _ := discard(c)
		sinkLog.log(n)
	})
	if err != nil {
		return err
	}
	echo, err := listen(func(c net.Conn) { _, _ = io.Copy(c, c) })
	if err != nil {
		return err
	}
	body := bodyOf(*bodyLen)
	if err := os.WriteFile(filepath.Join(*dir, "body"), body, 0o644); err != nil {
		return err
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/body", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		_, _ = w.Write(body)
	})
	hln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	go func() { _ = (&http.Server{Handler: mux, ReadHeaderTimeout: time.Minute}).Serve(hln) }()
	ports := fmt.Sprintf("SRC_PORT=%d\nSINK_PORT=%d\nECHO_PORT=%d\nGO_HTTP_PORT=%d\n",
		src, sink, echo, hln.Addr().(*net.TCPAddr).Port)
	if err := os.WriteFile(filepath.Join(*dir, "ports.tmp"), []byte(ports), 0o644); err != nil {
		return err
	}
	if err := os.Rename(filepath.Join(*dir, "ports.tmp"), filepath.Join(*dir, "ports")); err != nil {
		return err
	}
	_, _ = io.Copy(io.Discard, os.Stdin) // run until the parent goes away
	return nil
}

func freePort() error {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	defer ln.Close()
	fmt.Println(ln.Addr().(*net.TCPAddr).Port)
	return nil
}

func httpSize(args []string) error {
	fs := flag.NewFlagSet("httpsize", flag.ContinueOnError)
	port := fs.Int("port", 0, "HTTP port")
	path := fs.String("path", "/body", "path")
	bodyLen := fs.Int("body-len", -1, "expected body length")
	if err := fs.Parse(args); err != nil {
		return err
	}
	c, err := net.Dial("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(*port)))
	if err != nil {
		return err
	}
	defer c.Close()
	fmt.Fprintf(c, "GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n", *path)
	all, err := io.ReadAll(c)
	if err != nil {
		return err
	}
	head, body, ok := strings.Cut(string(all), "\r\n\r\n")
	if !ok || !strings.Contains(strings.SplitN(head, "\r\n", 2)[0], " 200 ") {
		return fmt.Errorf("bad response: %.80q", all)
	}
	if *bodyLen >= 0 && len(body) != *bodyLen {
		return fmt.Errorf("body is %d bytes, want %d", len(body), *bodyLen)
	}
	fmt.Println(len(all))
	return nil
}

func repeat(args []string) error {
	fs := flag.NewFlagSet("repeat", flag.ContinueOnError)
	n := fs.Int("n", 100, "runs")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return errors.New("repeat: no command")
	}
	for i := 0; i < *n; i++ {
		cmd := exec.Command(fs.Arg(0), fs.Args()[1:]...)
		cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("run %d: %w", i+1, err)
		}
	}
	return nil
}

// ceiling measures what plain Go does on this loopback: the figures
// tcpsh's zero-copy paths are compared with.
func ceiling(args []string) error {
	fs := flag.NewFlagSet("ceiling", flag.ContinueOnError)
	srcPort := fs.Int("src-port", 0, "source port (sends -bytes per connection)")
	sinkPort := fs.Int("sink-port", 0, "sink port")
	n := fs.Int64("bytes", 1<<30, "bytes per run")
	runs := fs.Int("runs", 5, "runs per figure (the median is printed)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	dial := func(p int) (*net.TCPConn, error) {
		c, err := net.Dial("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(p)))
		if err != nil {
			return nil, err
		}
		return c.(*net.TCPConn), nil
	}
	devnull, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	defer devnull.Close()
	tests := []struct {
		name string
		port int
		fn   func(c *net.TCPConn) (int64, error)
	}{
		{"download, Go read loop (256 KiB)", *srcPort, func(c *net.TCPConn) (int64, error) {
			return readLoop(c, 256<<10)
		}},
		{"download, Go splice to /dev/null", *srcPort, func(c *net.TCPConn) (int64, error) {
			return io.Copy(devnull, c)
		}},
		{"upload, Go write loop (256 KiB)", *sinkPort, func(c *net.TCPConn) (int64, error) {
			return writeN(c, *n)
		}},
	}
	for _, tc := range tests {
		var rates []float64
		for i := 0; i < *runs; i++ {
			c, err := dial(tc.port)
			if err != nil {
				return err
			}
			start := time.Now()
			got, err := tc.fn(c)
			el := time.Since(start)
			c.Close()
			if err != nil {
				return fmt.Errorf("%s: %w", tc.name, err)
			}
			if got != *n {
				return fmt.Errorf("%s: %d bytes, want %d", tc.name, got, *n)
			}
			rates = append(rates, float64(got)/el.Seconds()/1e9)
		}
		sort.Float64s(rates)
		fmt.Printf("%s\t%.2f GB/s\n", tc.name, rates[len(rates)/2])
	}
	return nil
}
