//go:build linux

package shell

import (
	"context"
	"io"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"go.uber.org/goleak"
)

// fuzzRunBound is how long one fuzzed script may run; fuzzHang is how long
// after that the interpreter must have returned.
const (
	fuzzRunBound = time.Second
	fuzzHang     = 10 * time.Second
	fuzzSrcMax   = 4096
	fuzzKeep     = 64 << 10
)

// fuzzSeeds are scripts that reach the sandboxed paths: sockets to the
// test's server and to refused or unresolvable addresses, files inside and
// outside the root, and every process-wide builtin.
var fuzzSeeds = []string{
	`exec 3<>/dev/tcp/127.0.0.1/$P; echo hi >&3; read -r x <&3; echo "$x"; exec 3>&-`,
	`cat </dev/tcp/127.0.0.1/$P & sleep 0.1; kill %1; wait`,
	`exec 4<>/dev/tcp/localhost/$P; exec 5<>/dev/tcp/10.255.255.1/80; exec 6<>/dev/udp/127.0.0.1/$P`,
	`exec 3<>/dev/tcp/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.invalid/80`,
	`echo x >f; cat f; cat <f >g; source ./f 2>&1; . f; mkdir d 2>/dev/null; cd d && pwd; cd ..`,
	`echo x >../outside/canary; echo y >/tmp/tcpsh-fuzz-escape; cat /etc/passwd; cd /; cd ..; source /etc/profile`,
	`ln -s .. up 2>/dev/null; echo z >up/outside/canary; exec 7>>../outside/x`,
	`kill -9 $$; echo after`,
	`kill -TERM 1; kill -0 $PPID; kill -9 -1`,
	`trap 'echo int' INT; kill -INT $$; trap - INT; trap 'echo bye' EXIT; exit 3`,
	`ulimit -n 8; ulimit -n; ulimit -Hn 10; umask 777; umask; exec /bin/true; exec ls; echo no`,
	`while :; do :; done`,
	`sleep 100 & wait`,
	`f() { f; }; f`,
	`x=$(printf '%*d' 100000 1); echo ${#x}; printf '%2147483647d' 1 >/dev/null`,
	`read -t 0.1 x; echo $?; read x </dev/tcp/127.0.0.1/$P; mapfile -t a <<<"a b"; echo "${a[@]}"`,
	`for i in 1 2 3; do exec {v}<>/dev/tcp/127.0.0.1/$P; done; fd; lsof`,
	`echo $(( 1 << 63 )) $(( -9223372036854775808 / -1 )) $(( 1 / 0 ))`,
	`case x in (*) echo ${x:-${y:=z}} ${#y} ${y/z/w} ${y@Q};; esac; declare -p y`,
	`a=(1 2 3); unset 'a[1]'; echo "${!a[@]}" "${a[*]:1}"; declare -A m=([k]=v); echo ${m[k]}`,
	`set -euo pipefail; false | true; echo $?`,
	`eval 'echo $((' ; echo after`,
	"cat <<EOF\n$(echo hi)\nEOF\n",
	`coproc cat; echo hi >&${COPROC[1]}; read -r x <&${COPROC[0]}; echo $x`,
	`listen -p 0 l; accept l c; history -w h; history -r /etc/passwd; halfclose 3 w`,
	`timeout 0.1 sleep 5; echo $?; exec 3<>/dev/tls/127.0.0.1/$P; head -n 1 <&3`,
}

// fuzzServer is an echo server on 127.0.0.1:0 for the whole fuzz run.
func fuzzServer(tb testing.TB) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	conns := map[net.Conn]bool{}
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns[c] = true
			mu.Unlock()
			wg.Add(1)
			go func() {
				defer wg.Done()
				io.Copy(c, c)
				c.Close()
				mu.Lock()
				delete(conns, c)
				mu.Unlock()
			}()
		}
	}()
	tb.Cleanup(func() {
		ln.Close()
		mu.Lock()
		for c := range conns {
			c.Close()
		}
		mu.Unlock()
		wg.Wait()
	})
	return ln.Addr().String()
}

// capBuffer keeps the first fuzzKeep bytes written to it.
type capBuffer struct{ strings.Builder }

func (b *capBuffer) Write(p []byte) (int, error) {
	if room := fuzzKeep - b.Len(); room > 0 {
		b.Builder.Write(p[:min(room, len(p))])
	}
	return len(p), nil
}

// processState is what a sandboxed script must leave unchanged in the
// test process.
type processState struct {
	wd     string
	umask  int
	nofile syscall.Rlimit
}

func currentProcessState(t *testing.T) processState {
	var ps processState
	ps.wd, _ = os.Getwd()
	ps.umask = syscall.Umask(0)
	syscall.Umask(ps.umask)
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &ps.nofile); err != nil {
		t.Fatal(err)
	}
	return ps
}

// FuzzRun parses and runs random scripts in a Sandbox session: no panic
// (a builtin's recovered panic, "internal error", counts as one), no hang
// past the deadline, no goroutine or fd left behind, nothing written
// outside the root, and the process's working directory, umask and
// open-files limit untouched.
func FuzzRun(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	addr := fuzzServer(f)
	_, port, _ := net.SplitHostPort(addr)
	f.Fuzz(func(t *testing.T, src string) {
		if len(src) > fuzzSrcMax {
			t.Skip("script too long")
		}
		leakOpt := goleak.IgnoreCurrent()
		fdsBefore := fuzzFDCount(t)
		psBefore := currentProcessState(t)
		base := t.TempDir()
		root := filepath.Join(base, "root")
		outside := filepath.Join(base, "outside")
		for _, d := range []string{root, outside} {
			if err := os.Mkdir(d, 0o755); err != nil {
				t.Fatal(err)
			}
		}
		canary := filepath.Join(outside, "canary")
		if err := os.WriteFile(canary, []byte("canary\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		stderr := fuzzRunSandboxed(t, src, root, addr, port)
		if strings.Contains(stderr, "internal error") {
			t.Fatalf("a builtin panicked:\n%s", stderr)
		}
		ents, _ := os.ReadDir(outside)
		data, _ := os.ReadFile(canary)
		if len(ents) != 1 || string(data) != "canary\n" {
			t.Fatalf("the script wrote outside its root: %d entries, canary %q", len(ents), data)
		}
		if _, err := os.Lstat("/tmp/tcpsh-fuzz-escape"); err == nil {
			t.Fatalf("the script wrote /tmp/tcpsh-fuzz-escape")
		}
		if ps := currentProcessState(t); ps != psBefore {
			t.Fatalf("process state changed: %+v, was %+v", ps, psBefore)
		}
		goleak.VerifyNone(t, leakOpt)
		deadline := time.Now().Add(3 * time.Second)
		for fuzzFDCount(t) > fdsBefore && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
		}
		if n := fuzzFDCount(t); n > fdsBefore {
			t.Fatalf("OS fds: %d after, %d before:\n%s", n, fdsBefore, listFDs())
		}
	})
}

// fuzzRunSandboxed runs src in a sandboxed session rooted at root, bounded
// by fuzzRunBound, and returns the start of its stderr.
func fuzzRunSandboxed(t *testing.T, src, root, addr, port string) string {
	null, err := os.Open(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	defer null.Close()
	or, ow, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	er, ew, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	var out, errOut capBuffer
	var wg sync.WaitGroup
	wg.Add(2)
	drain := func(dst io.Writer, src *os.File) {
		defer wg.Done()
		io.Copy(dst, src)
		src.Close()
	}
	go drain(&out, or)
	go drain(&errOut, er)
	r, err := New(
		Stdio(null, ow, ew),
		Sandbox(root, addr),
		Env([]string{"PATH=/nonexistent", "LC_ALL=C", "HOME=" + root, "P=" + port}),
		Params("fuzz"),
	)
	if err != nil {
		ow.Close()
		ew.Close()
		wg.Wait()
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), fuzzRunBound)
	defer cancel()
	done := make(chan struct{})
	go func() {
		defer close(done)
		r.RunString(ctx, src)
		// The EXIT trap runs under the same bound, not Close's
		// unbounded context.
		r.runExitTrap(ctx)
		r.Close()
	}()
	select {
	case <-done:
	case <-time.After(fuzzRunBound + fuzzHang):
		t.Fatalf("script still running %v after its deadline:\n%s", fuzzHang, src)
	}
	ow.Close()
	ew.Close()
	wg.Wait()
	return errOut.String()
}

// fuzzFDCount counts the process's open fds, after two collections so
// that the pipes Go's splice keeps in a sync.Pool are closed.
func fuzzFDCount(t *testing.T) int {
	runtime.GC()
	runtime.GC()
	ents, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Fatal(err)
	}
	return len(ents)
}
