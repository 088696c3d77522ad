//go:build linux

package shell

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// Background jobs of one session read and write different sockets (and a
// shared file descriptor for output) at once; `go test -race` checks the
// fd table and channels, and every reply arrives on its own fd.
func TestConcurrentBackgroundSockets(t *testing.T) {
	port := sockServer(t, echoConn)
	s := newSession(t, Env([]string{"P=" + port}))
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	st := s.r.RunString(ctx, `
exec 3<>/dev/tcp/127.0.0.1/$P 4<>/dev/tcp/127.0.0.1/$P 5<>/dev/tcp/127.0.0.1/$P 6<>/dev/tcp/127.0.0.1/$P
job() { for ((i=0; i<300; i++)); do echo "$1 $i" >&$1; read -r a b <&$1; [ "$a $b" = "$1 $i" ] || echo "bad on $1: $a $b"; done; echo "done $1"; }
job 3 & job 4 & job 5 &
{ for ((i=0; i<300; i++)); do printf 'x%.0s' {1..100} >&6; done; exec 6>&-; } &
{ exec 7>&1; for ((i=0; i<300; i++)); do :; done; exec 7>&-; } &
wait
exec 3>&- 4>&- 5>&-
echo all`)
	s.done()
	assert.Equal(t, 0, st)
	assert.Equal(t, "", s.stderr.String())
	lines := strings.Split(strings.TrimSpace(s.stdout.String()), "\n")
	assert.ElementsMatch(t, []string{"done 3", "done 4", "done 5", "all"}, lines)
}
