//go:build linux

package shell

import (
	"context"
	"net"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

// 10,000 open/close cycles of sockets, files, pipes and dups leave the
// OS fd count and the goroutine count where they were.
func TestOpenCloseCyclesNoLeak(t *testing.T) {
	port := sockServer(t, func(c net.Conn) {})
	scripts := []struct{ name, src string }{
		{"tcp", `for ((i=0; i<10000; i++)); do exec 3<>/dev/tcp/127.0.0.1/$P || break; exec 3>&-; done; echo $i`},
		{"tcp varfd and dup", `for ((i=0; i<10000; i++)); do exec {v}<>/dev/tcp/127.0.0.1/$P || break; exec 4>&$v {v}>&- 4>&-; done; echo $i`},
		{"file", `for ((i=0; i<10000; i++)); do exec 3>f || break; echo x >&3; exec 3>&-; done; echo $i`},
		{"here-string and pipe", `for ((i=0; i<10000; i++)); do read -r x <<<"$i" || break; done; echo $i`},
		{"redirected builtin", `for ((i=0; i<10000; i++)); do echo x 5>f >&5 || break; done; echo $i`},
	}
	for _, sc := range scripts {
		t.Run(sc.name, func(t *testing.T) {
			leak := goleak.IgnoreCurrent()
			before := osFDCount(t)
			s := newSession(t, Env([]string{"P=" + port}))
			ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
			defer cancel()
			st := s.r.RunString(ctx, sc.src)
			s.done()
			require.Equal(t, 0, st, s.stderr.String())
			assert.Equal(t, "10000\n", s.stdout.String())
			assert.Equal(t, "", s.stderr.String())
			deadline := time.Now().Add(5 * time.Second)
			for osFDCount(t) > before && time.Now().Before(deadline) {
				time.Sleep(20 * time.Millisecond)
			}
			assert.LessOrEqual(t, osFDCount(t), before, "OS fds:\n%s", listFDs())
			goleak.VerifyNone(t, leak)
		})
	}
}
