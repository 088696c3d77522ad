package shell

import (
	"context"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// TestOnWatchSignals checks when the shell asks its front end to watch
// every signal: once, at the first trap for a signal or EXIT, or before
// the first foreground program; never for a script that needs neither.
func TestOnWatchSignals(t *testing.T) {
	cases := []struct {
		name      string
		src       string
		wantCalls int32
		wantINT   bool // watching(SIGINT) afterwards
	}{
		{"builtins only", `true; echo hi >/dev/null; x=$((1+2))`, 0, false},
		{"ERR and RETURN traps need no signal", `trap 'echo e' ERR; trap 'echo r' RETURN`, 0, false},
		{"a subshell's trap", `(trap 'echo t' TERM; true)`, 0, false},
		{"EXIT trap", `trap 'echo bye' EXIT`, 1, true},
		{"TERM trap then INT trap", `trap 'echo t' TERM; trap 'echo i' INT`, 1, true},
		{"ignored HUP", `trap '' HUP`, 1, true},
		{"foreground program", `/bin/true; /bin/true`, 1, true},
		{"background program only", `/bin/true & wait`, 0, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := newSession(t)
			var calls atomic.Int32
			s.r.OnWatchSignals(func() { calls.Add(1) })
			assert.False(t, s.r.sess.sig.watching(syscall.SIGINT))
			assert.True(t, s.r.sess.sig.watching(syscall.SIGPIPE))
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			s.r.RunString(ctx, tc.src)
			assert.Equal(t, tc.wantCalls, calls.Load())
			assert.Equal(t, tc.wantINT, s.r.sess.sig.watching(syscall.SIGINT))
		})
	}
}

// TestSignalQuitIgnored: an untrapped QUIT does not end the shell,
// interactive or not, from outside or from `kill -QUIT $$`, as in bash.
func TestSignalQuitIgnored(t *testing.T) {
	for _, interactive := range []bool{false, true} {
		s := newSession(t, Interactive(interactive))
		assert.False(t, s.r.Signal(syscall.SIGQUIT), "interactive=%v", interactive)
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		s.r.RunString(ctx, `kill -QUIT $$; echo alive`)
		exited, _ := s.r.Exited()
		assert.False(t, exited, "interactive=%v", interactive)
		s.done()
		assert.Equal(t, "alive\n", s.stdout.String(), "interactive=%v", interactive)
	}
}
