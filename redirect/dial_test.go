package redirect

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// testTimeout bounds every network operation in these tests.
const testTimeout = 10 * time.Second

// testCtx returns a context that ends with the test or after testTimeout.
func testCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
	t.Cleanup(cancel)
	return ctx
}

// echoTCP serves on ln, echoing one line per connection with an "echo:"
// prefix, and returns its port. It is stopped and waited for at the end of
// the test.
func echoTCP(t *testing.T, ln net.Listener) string {
	t.Helper()
	var wg sync.WaitGroup
	wg.Go(func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			wg.Go(func() {
				defer c.Close()
				_ = c.SetDeadline(time.Now().Add(testTimeout))
				line, err := bufio.NewReader(c).ReadString('\n')
				if err == nil {
					_, _ = io.WriteString(c, "echo:"+line)
				}
			})
		}
	})
	t.Cleanup(func() {
		_ = ln.Close()
		wg.Wait()
	})
	return portOf(t, ln.Addr())
}

// echoUDP serves on pc, echoing each datagram with an "echo:" prefix, and
// returns its port. It is stopped and waited for at the end of the test.
func echoUDP(t *testing.T, pc net.PacketConn) string {
	t.Helper()
	var wg sync.WaitGroup
	wg.Go(func() {
		buf := make([]byte, 1500)
		for {
			n, from, err := pc.ReadFrom(buf)
			if err != nil {
				return
			}
			_, _ = pc.WriteTo(append([]byte("echo:"), buf[:n]...), from)
		}
	})
	t.Cleanup(func() {
		_ = pc.Close()
		wg.Wait()
	})
	return portOf(t, pc.LocalAddr())
}

// portOf returns the port of a loopback address.
func portOf(t *testing.T, a net.Addr) string {
	t.Helper()
	_, port, err := net.SplitHostPort(a.String())
	require.NoError(t, err)
	return port
}

// listenTCP listens on a free loopback port.
func listenTCP(t *testing.T, network, addr string) net.Listener {
	t.Helper()
	ln, err := net.Listen(network, addr)
	require.NoError(t, err)
	return ln
}

// freePort returns a loopback TCP port that nothing listens on.
func freePort(t *testing.T) string {
	t.Helper()
	ln := listenTCP(t, "tcp4", "127.0.0.1:0")
	require.NoError(t, ln.Close())
	return portOf(t, ln.Addr())
}

// roundTrip writes a line to c and returns the reply line.
func roundTrip(t *testing.T, c net.Conn, line string) string {
	t.Helper()
	require.NoError(t, c.SetDeadline(time.Now().Add(testTimeout)))
	_, err := io.WriteString(c, line)
	require.NoError(t, err)
	reply, err := bufio.NewReader(c).ReadString('\n')
	require.NoError(t, err)
	return reply
}

func mustParse(t *testing.T, path string) Target {
	t.Helper()
	tg, err := ParsePath(path)
	require.NoError(t, err)
	require.True(t, tg.Kind.IsNetwork(), "%s is not a network path", path)
	return tg
}

func TestDialTCP(t *testing.T) {
	t.Parallel()
	port := echoTCP(t, listenTCP(t, "tcp4", "127.0.0.1:0"))
	tests := []struct {
		name   string
		path   string
		dialer *Dialer
	}{
		{name: "ipv4 literal", path: "/dev/tcp/127.0.0.1/" + port, dialer: &Dialer{}},
		{name: "localhost tries every address", path: "/dev/tcp/localhost/" + port, dialer: &Dialer{}},
		{name: "nil dialer", path: "/dev/tcp/127.0.0.1/" + port},
		{name: "with timeout", path: "/dev/tcp/127.0.0.1/" + port, dialer: &Dialer{ConnectTimeout: testTimeout}},
		{name: "leading zeros", path: "/dev/tcp/127.0.0.1/000" + port, dialer: &Dialer{}},
		{name: "leading space and plus", path: "/dev/tcp/127.0.0.1/ +" + port, dialer: &Dialer{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, err := tc.dialer.Dial(testCtx(t), mustParse(t, tc.path))
			require.NoError(t, err)
			defer c.Close()
			assert.Equal(t, "echo:hello "+tc.name+"\n", roundTrip(t, c, "hello "+tc.name+"\n"))
		})
	}
}

func TestDialTCPIPv6(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp6", "[::1]:0")
	if err != nil {
		t.Skipf("skipping IPv6 case: this machine has no usable ::1 loopback (%v)", err)
	}
	port := echoTCP(t, ln)
	tests := []struct {
		name string
		path string
	}{
		{name: "bare", path: "/dev/tcp/::1/" + port},
		{name: "bracketed", path: "/dev/tcp/[::1]/" + port},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, err := (&Dialer{}).Dial(testCtx(t), mustParse(t, tc.path))
			require.NoError(t, err)
			defer c.Close()
			assert.Equal(t, "echo:v6\n", roundTrip(t, c, "v6\n"))
			assert.Equal(t, "[::1]:"+port, c.RemoteAddr().String())
		})
	}
}

func TestDialUDP(t *testing.T) {
	t.Parallel()
	pc, err := net.ListenPacket("udp4", "127.0.0.1:0")
	require.NoError(t, err)
	port := echoUDP(t, pc)

	c, err := (&Dialer{}).Dial(testCtx(t), mustParse(t, "/dev/udp/127.0.0.1/"+port))
	require.NoError(t, err)
	defer c.Close()
	assert.Equal(t, pc.LocalAddr().String(), c.RemoteAddr().String(), "UDP socket is connected")
	assert.Equal(t, "echo:datagram\n", roundTrip(t, c, "datagram\n"))
}

// refusingDial is a sandbox-like DialContext: it connects "127.0.0.1:80"
// to the real server at target and refuses anything else, before any name
// lookup. It records the addresses it was asked for.
type refusingDial struct {
	target string
	mu     sync.Mutex
	asked  []string
}

func (r *refusingDial) DialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	r.mu.Lock()
	r.asked = append(r.asked, network+" "+addr)
	r.mu.Unlock()
	if network == "tcp" && addr == "127.0.0.1:80" {
		return (&net.Dialer{}).DialContext(ctx, network, r.target)
	}
	return nil, &net.OpError{Op: "dial", Net: network, Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}
}

func TestDialInjected(t *testing.T) {
	t.Parallel()
	port := echoTCP(t, listenTCP(t, "tcp4", "127.0.0.1:0"))
	rd := &refusingDial{target: "127.0.0.1:" + port}
	d := &Dialer{DialContext: rd.DialContext}

	c, err := d.Dial(testCtx(t), mustParse(t, "/dev/tcp/127.0.0.1/http"))
	require.NoError(t, err)
	defer c.Close()
	assert.Equal(t, "echo:via sandbox\n", roundTrip(t, c, "via sandbox\n"))

	_, err = d.Dial(testCtx(t), mustParse(t, "/dev/tcp/example.invalid/80"))
	var rerr *Error
	require.ErrorAs(t, err, &rerr)
	assert.Equal(t, "connect: Connection refused", rerr.Notice)
	assert.Equal(t, "/dev/tcp/example.invalid/80: Connection refused", rerr.Error())

	rd.mu.Lock()
	defer rd.mu.Unlock()
	assert.Equal(t, []string{"tcp 127.0.0.1:80", "tcp example.invalid:80"}, rd.asked,
		"service names are resolved before DialContext, host names are not")
}

// wantError is the expected wording of an *Error.
type wantError struct {
	notice   string
	withLine bool
	text     string
	is       error
}

func checkError(t *testing.T, want wantError, err error) {
	t.Helper()
	var rerr *Error
	require.ErrorAs(t, err, &rerr)
	assert.Equal(t, want.notice, rerr.Notice)
	assert.Equal(t, want.withLine, rerr.NoticeHasLine)
	assert.Equal(t, want.text, rerr.Error())
	assert.Equal(t, want.text[strings.LastIndex(want.text, ": ")+2:], Errno(err))
	if want.is != nil {
		assert.ErrorIs(t, err, want.is)
	}
}

func TestDialErrors(t *testing.T) {
	t.Parallel()
	port := freePort(t)
	label := strings.Repeat("h", 64)
	tests := []struct {
		name   string
		target Target
		want   wantError
	}{
		{name: "refused", target: mustParse(t, "/dev/tcp/127.0.0.1/"+port), want: wantError{
			notice: "connect: Connection refused",
			text:   "/dev/tcp/127.0.0.1/" + port + ": Connection refused",
			is:     syscall.ECONNREFUSED}},
		{name: "empty port is port 0", target: mustParse(t, "/dev/tcp/127.0.0.1/"), want: wantError{
			notice: "connect: Connection refused",
			text:   "/dev/tcp/127.0.0.1/: Connection refused",
			is:     syscall.ECONNREFUSED}},
		{name: "unknown service", target: mustParse(t, "/dev/tcp/127.0.0.1/abc"), want: wantError{
			notice: "abc: Servname not supported for ai_socktype", withLine: true,
			text: "/dev/tcp/127.0.0.1/abc: Invalid argument", is: syscall.EINVAL}},
		{name: "unknown udp service", target: mustParse(t, "/dev/udp/127.0.0.1/abc"), want: wantError{
			notice: "abc: Servname not supported for ai_socktype", withLine: true,
			text: "/dev/udp/127.0.0.1/abc: Invalid argument", is: syscall.EINVAL}},
		{name: "port with slash", target: mustParse(t, "/dev/tcp/127.0.0.1/80/x"), want: wantError{
			notice: "80/x: Servname not supported for ai_socktype", withLine: true,
			text: "/dev/tcp/127.0.0.1/80/x: Invalid argument"}},
		{name: "negative port", target: mustParse(t, "/dev/tcp/127.0.0.1/-1"), want: wantError{
			notice: "-1: Servname not supported for ai_socktype", withLine: true,
			text: "/dev/tcp/127.0.0.1/-1: Invalid argument"}},
		{name: "upper case service", target: mustParse(t, "/dev/tcp/127.0.0.1/HTTP"), want: wantError{
			notice: "HTTP: Servname not supported for ai_socktype", withLine: true,
			text: "/dev/tcp/127.0.0.1/HTTP: Invalid argument"}},
		{name: "hex port", target: mustParse(t, "/dev/tcp/127.0.0.1/0x50"), want: wantError{
			notice: "0x50: Servname not supported for ai_socktype", withLine: true,
			text: "/dev/tcp/127.0.0.1/0x50: Invalid argument"}},
		{name: "empty host", target: mustParse(t, "/dev/tcp//80"), want: wantError{
			notice: ": Name or service not known", withLine: true,
			text: "/dev/tcp//80: Invalid argument", is: syscall.EINVAL}},
		{name: "service checked before host", target: mustParse(t, "/dev/tcp//abc"), want: wantError{
			notice: "abc: Servname not supported for ai_socktype", withLine: true,
			text: "/dev/tcp//abc: Invalid argument"}},
		{name: "unknown host", target: mustParse(t, "/dev/tcp/"+label+".invalid/80"), want: wantError{
			notice: label + ".invalid: Name or service not known", withLine: true,
			text: "/dev/tcp/" + label + ".invalid/80: Invalid argument", is: syscall.EINVAL}},
		{name: "unknown host udp", target: mustParse(t, "/dev/udp/"+label+".invalid/53"), want: wantError{
			notice: label + ".invalid: Name or service not known", withLine: true,
			text: "/dev/udp/" + label + ".invalid/53: Invalid argument"}},
		{name: "port above 65535", target: Target{Kind: TCP, Host: "127.0.0.1", Port: "70000", Path: "/dev/tcp/127.0.0.1/70000"},
			want: wantError{text: "/dev/tcp/127.0.0.1/70000: invalid port number", is: ErrInvalidPort}},
		{name: "not a network path", target: Target{Kind: Stdin, Path: "/dev/stdin"},
			want: wantError{text: "/dev/stdin: not a network path", is: ErrNotNetwork}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var dnsQueries atomic.Int32
			noDNS := &net.Resolver{PreferGo: true, Dial: func(context.Context, string, string) (net.Conn, error) {
				dnsQueries.Add(1)
				return nil, errors.New("test: DNS queries are forbidden")
			}}
			d := &Dialer{DialContext: (&net.Dialer{Resolver: noDNS}).DialContext}
			c, err := d.Dial(testCtx(t), tc.target)
			if c != nil {
				_ = c.Close()
			}
			checkError(t, tc.want, err)
			assert.Zero(t, dnsQueries.Load(), "a DNS query was attempted")
		})
	}
}

func TestDialInjectedErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		err  error
		want wantError
	}{
		{name: "socket fails", err: &net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("socket", syscall.EMFILE)},
			want: wantError{notice: "socket: Too many open files", text: "/dev/tcp/h/1: Too many open files", is: syscall.EMFILE}},
		{name: "unreachable", err: &net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", syscall.ENETUNREACH)},
			want: wantError{notice: "connect: Network is unreachable", text: "/dev/tcp/h/1: Network is unreachable"}},
		{name: "kernel timeout", err: &net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", syscall.ETIMEDOUT)},
			want: wantError{notice: "connect: Connection timed out", text: "/dev/tcp/h/1: Connection timed out", is: syscall.ETIMEDOUT}},
		{name: "dns temporary failure", err: &net.OpError{Op: "dial", Net: "tcp", Err: &net.DNSError{Err: "server misbehaving", Name: "h", IsTemporary: true}},
			want: wantError{notice: "h: Temporary failure in name resolution", withLine: true, text: "/dev/tcp/h/1: Invalid argument"}},
		{name: "canceled", err: context.Canceled,
			want: wantError{notice: "connect: Interrupted system call", text: "/dev/tcp/h/1: Interrupted system call", is: context.Canceled}},
		{name: "plain error", err: errors.New("sandbox says no"),
			want: wantError{notice: "connect: sandbox says no", text: "/dev/tcp/h/1: sandbox says no"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			d := &Dialer{DialContext: func(context.Context, string, string) (net.Conn, error) { return nil, tc.err }}
			_, err := d.Dial(testCtx(t), mustParse(t, "/dev/tcp/h/1"))
			checkError(t, tc.want, err)
		})
	}
}

func TestDialClosesConnReturnedWithError(t *testing.T) {
	t.Parallel()
	ours, peer := net.Pipe()
	defer peer.Close()
	d := &Dialer{DialContext: func(context.Context, string, string) (net.Conn, error) {
		return ours, errors.New("half-made connection")
	}}
	c, err := d.Dial(testCtx(t), mustParse(t, "/dev/tcp/h/1"))
	assert.Nil(t, c)
	checkError(t, wantError{notice: "connect: half-made connection", text: "/dev/tcp/h/1: half-made connection"}, err)
	_, err = ours.Write([]byte("x"))
	assert.ErrorIs(t, err, io.ErrClosedPipe, "the connection was closed")
}

func TestDialCanceledContext(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	path := "/dev/tcp/127.0.0.1/" + freePort(t)
	_, err := (&Dialer{}).Dial(ctx, mustParse(t, path))
	checkError(t, wantError{
		notice: "connect: Interrupted system call",
		text:   path + ": Interrupted system call",
		is:     context.Canceled,
	}, err)
}

func TestParseTimeout(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		in      string
		want    time.Duration
		wantErr bool
	}{
		{name: "whole seconds", in: "2", want: 2 * time.Second},
		{name: "fraction", in: "0.5", want: 500 * time.Millisecond},
		{name: "no leading digit", in: ".25", want: 250 * time.Millisecond},
		{name: "trailing dot", in: "3.", want: 3 * time.Second},
		{name: "zero", in: "0", want: 0},
		{name: "nanoseconds", in: "0.000000001", want: time.Nanosecond},
		{name: "beyond nanoseconds truncated", in: "1.0000000019", want: time.Second + time.Nanosecond},
		{name: "largest", in: "9223372036.854775807", want: time.Duration(1<<63 - 1)},
		{name: "overflow by a nanosecond", in: "9223372036.854775808", wantErr: true},
		{name: "overflow", in: "99999999999999999999", wantErr: true},
		{name: "empty", in: "", wantErr: true},
		{name: "lone dot", in: ".", wantErr: true},
		{name: "negative", in: "-1", wantErr: true},
		{name: "plus sign", in: "+1", wantErr: true},
		{name: "junk", in: "abc", wantErr: true},
		{name: "unit", in: "2s", wantErr: true},
		{name: "exponent", in: "1e3", wantErr: true},
		{name: "spaces", in: " 2", wantErr: true},
		{name: "two dots", in: "1.2.3", wantErr: true},
		{name: "comma", in: "0,5", wantErr: true},
		{name: "infinity", in: "inf", wantErr: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := ParseTimeout(tc.in)
			if tc.wantErr {
				assert.ErrorContains(t, err, strconv.Quote(tc.in))
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}
