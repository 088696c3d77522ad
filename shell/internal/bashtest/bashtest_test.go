package bashtest

import (
	"errors"
	"runtime"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRun(t *testing.T) {
	cases := []struct {
		name, script string
		args, env    []string
		want         Result
	}{
		{"args", `printf '%s|' "$@"`, []string{"a b", ""}, nil, Result{Stdout: "a b||"}},
		{"status and stderr", `echo oops >&2; exit 3`, nil, nil, Result{Stderr: "oops\n", Status: 3}},
		{"env", `printf %s "$LC_ALL"`, nil, []string{Locale(true)}, Result{Stdout: "C.UTF-8"}},
		{"C locale", `printf %s "$LC_ALL"`, nil, []string{Locale(false)}, Result{Stdout: "C"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Run(tc.script, tc.args, tc.env...)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestOutput(t *testing.T) {
	out, err := Output(`echo "$1"`, []string{"x"})
	require.NoError(t, err)
	assert.Equal(t, "x\n", out)
	_, err = Output(`echo no >&2; exit 1`, nil)
	assert.ErrorContains(t, err, "exit status 1: no")
}

func TestParallel(t *testing.T) {
	var calls atomic.Int64
	seen := make([]bool, 50)
	Parallel(t, len(seen), func(i int) error {
		calls.Add(1)
		seen[i] = true
		return nil
	})
	assert.Equal(t, int64(50), calls.Load())
	for i, s := range seen {
		assert.True(t, s, "index %d", i)
	}

	rec := &failRecorder{TB: t}
	done := make(chan struct{})
	go func() { // FailNow ends this goroutine
		defer close(done)
		Parallel(rec, 3, func(i int) error {
			if i == 1 {
				return errors.New("bad")
			}
			return nil
		})
	}()
	<-done
	assert.True(t, rec.failed)
}

// failRecorder records a failure instead of failing the test.
type failRecorder struct {
	testing.TB
	failed bool
}

func (r *failRecorder) Helper()               {}
func (r *failRecorder) Errorf(string, ...any) { r.failed = true }
func (r *failRecorder) FailNow() {
	r.failed = true
	runtime.Goexit()
}
