//go:build unix

package redirect

import (
	"os"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestErrnoRealUnix words errors produced by real Unix operations.
func TestErrnoRealUnix(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		op   func(t *testing.T) error
		want string
	}{
		{name: "open directory for writing", want: "Is a directory", op: func(t *testing.T) error {
			_, err := os.OpenFile(t.TempDir(), os.O_WRONLY, 0)
			return err
		}},
		{name: "write to pipe without reader", want: "Broken pipe", op: func(t *testing.T) error {
			r, w, err := os.Pipe()
			require.NoError(t, err)
			require.NoError(t, r.Close())
			defer w.Close()
			_, err = w.Write([]byte("x"))
			return err
		}},
		{name: "permission denied", want: "Permission denied", op: func(t *testing.T) error {
			if os.Geteuid() == 0 {
				t.Skip("root is never denied")
			}
			f := t.TempDir() + "/secret"
			require.NoError(t, os.WriteFile(f, nil, 0))
			_, err := os.Open(f)
			return err
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			err := tc.op(t)
			require.Error(t, err)
			assert.Equal(t, tc.want, Errno(err))
		})
	}
}

func TestErrnoUnlistedIsCapitalized(t *testing.T) {
	t.Parallel()
	e := syscall.ENOLCK // not in errnoText
	_, listed := errnoText[e]
	require.False(t, listed)
	want := e.Error()
	want = string(want[0]-'a'+'A') + want[1:]
	assert.Equal(t, want, Errno(e))
}
