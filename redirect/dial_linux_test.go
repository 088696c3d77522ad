package redirect

import (
	"context"
	"errors"
	"net"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/unix"
)

// fullBacklogPort returns the port of a loopback listener that never
// accepts and whose accept queue is full, so that Linux drops further SYNs
// and connecting to it hangs until a timeout.
func fullBacklogPort(t *testing.T) string {
	t.Helper()
	fd, err := unix.Socket(unix.AF_INET, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, 0)
	require.NoError(t, err)
	t.Cleanup(func() { _ = unix.Close(fd) })
	require.NoError(t, unix.Bind(fd, &unix.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}))
	require.NoError(t, unix.Listen(fd, 0))
	sa, err := unix.Getsockname(fd)
	require.NoError(t, err)
	port := strconv.Itoa(sa.(*unix.SockaddrInet4).Port)

	for range 16 {
		c, err := net.DialTimeout("tcp4", "127.0.0.1:"+port, 200*time.Millisecond)
		if err != nil {
			var netErr net.Error
			require.True(t, errors.As(err, &netErr) && netErr.Timeout(), "filling backlog: %v", err)
			return port
		}
		t.Cleanup(func() { _ = c.Close() })
	}
	t.Fatal("the listen backlog never filled up")
	return ""
}

func TestDialTimeout(t *testing.T) {
	t.Parallel()
	port := fullBacklogPort(t)
	path := "/dev/tcp/127.0.0.1/" + port
	want := wantError{
		notice: "connect: Connection timed out",
		text:   path + ": Connection timed out",
		is:     syscall.ETIMEDOUT,
	}
	tests := []struct {
		name   string
		dialer *Dialer
		ctx    func(t *testing.T) context.Context
	}{
		{name: "ConnectTimeout", dialer: &Dialer{ConnectTimeout: 300 * time.Millisecond}, ctx: testCtx},
		{name: "ConnectTimeout with injected dialer",
			dialer: &Dialer{ConnectTimeout: 300 * time.Millisecond, DialContext: (&net.Dialer{}).DialContext}, ctx: testCtx},
		{name: "caller deadline", dialer: &Dialer{}, ctx: func(t *testing.T) context.Context {
			ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
			t.Cleanup(cancel)
			return ctx
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			start := time.Now()
			c, err := tc.dialer.Dial(tc.ctx(t), mustParse(t, path))
			elapsed := time.Since(start)
			if c != nil {
				_ = c.Close()
			}
			checkError(t, want, err)
			assert.GreaterOrEqual(t, elapsed, 250*time.Millisecond)
			assert.Less(t, elapsed, 5*time.Second)
		})
	}
}

// openFDs counts this process's open descriptors.
func openFDs(t *testing.T) int {
	t.Helper()
	ents, err := os.ReadDir("/proc/self/fd")
	require.NoError(t, err)
	return len(ents)
}

// TestNoFDLeak is not parallel: parallel tests are paused while it runs, so
// the descriptor count is this test's alone.
func TestNoFDLeak(t *testing.T) {
	port := echoTCP(t, listenTCP(t, "tcp4", "127.0.0.1:0"))
	paths := []string{
		"/dev/tcp/127.0.0.1/" + port,
		"/dev/udp/127.0.0.1/" + port,
		"/dev/tcp/127.0.0.1/" + freePort(t),
		"/dev/tcp/127.0.0.1/abc",
		"/dev/tcp//1",
	}
	dialAll := func() {
		for _, p := range paths {
			c, err := (&Dialer{ConnectTimeout: testTimeout}).Dial(testCtx(t), mustParse(t, p))
			if err == nil {
				if strings.HasPrefix(p, "/dev/tcp/") {
					roundTrip(t, c, "x\n")
				}
				require.NoError(t, c.Close())
			}
		}
	}
	dialAll() // warm up: the runtime opens its poller once
	before := openFDs(t)
	for range 20 {
		dialAll()
	}
	// The echo server closes its side of each connection asynchronously;
	// give it a moment before counting.
	assert.Eventually(t, func() bool { return openFDs(t) == before }, 5*time.Second, 10*time.Millisecond,
		"open fds: before %d, now %d", before, openFDs(t))
}

// TestBashWording runs bash 5.2 on loopback-only paths and checks that the
// lines the shell would print from our *Error are the lines bash prints.
func TestBashWording(t *testing.T) {
	t.Parallel()
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("bash not installed")
	}
	out, err := exec.Command(bash, "-c", `echo "${BASH_VERSINFO[0]}.${BASH_VERSINFO[1]}"`).Output()
	require.NoError(t, err)
	if v := strings.TrimSpace(string(out)); v != "5.2" {
		t.Skipf("want bash 5.2, have %s", v)
	}
	port := freePort(t)
	paths := []struct{ name, path string }{
		{name: "refused", path: "/dev/tcp/127.0.0.1/" + port},
		{name: "refused ipv6 literal", path: "/dev/tcp/::1/" + port},
		{name: "empty port", path: "/dev/tcp/127.0.0.1/"},
		{name: "unknown service", path: "/dev/tcp/127.0.0.1/abc"},
		{name: "unknown udp service", path: "/dev/udp/127.0.0.1/abc"},
		{name: "port with slash", path: "/dev/tcp/127.0.0.1/80/x"},
		{name: "negative port", path: "/dev/tcp/127.0.0.1/-1"},
		{name: "upper case service", path: "/dev/tcp/127.0.0.1/HTTP"},
		{name: "trailing space in port", path: "/dev/tcp/127.0.0.1/1 "},
	}
	for _, tc := range paths {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ctx := testCtx(t)
			cmd := exec.CommandContext(ctx, bash, "-c", `exec 3<>"$1"`, "bash", tc.path)
			cmd.Env = []string{"PATH=/usr/bin:/bin", "LC_ALL=C"}
			bashOut, err := cmd.CombinedOutput()
			require.Error(t, err, "bash opened %s", tc.path)

			_, err = (&Dialer{}).Dial(ctx, mustParse(t, tc.path))
			var rerr *Error
			require.ErrorAs(t, err, &rerr)
			var ours strings.Builder
			if rerr.Notice != "" {
				ours.WriteString("bash: ")
				if rerr.NoticeHasLine {
					ours.WriteString("line 1: ")
				}
				ours.WriteString(rerr.Notice + "\n")
			}
			ours.WriteString("bash: line 1: " + rerr.Error() + "\n")
			assert.Equal(t, string(bashOut), ours.String())
		})
	}
}
