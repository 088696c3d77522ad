package redirect

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestErrno(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		err  error
		want string
	}{
		{name: "nil", err: nil, want: ""},
		{name: "refused", err: syscall.ECONNREFUSED, want: "Connection refused"},
		{name: "reset", err: syscall.ECONNRESET, want: "Connection reset by peer"},
		{name: "broken pipe", err: syscall.EPIPE, want: "Broken pipe"},
		{name: "no such file", err: syscall.ENOENT, want: "No such file or directory"},
		{name: "permission", err: syscall.EACCES, want: "Permission denied"},
		{name: "is a directory", err: syscall.EISDIR, want: "Is a directory"},
		{name: "bad fd", err: syscall.EBADF, want: "Bad file descriptor"},
		{name: "too many files", err: syscall.EMFILE, want: "Too many open files"},
		{name: "timed out", err: syscall.ETIMEDOUT, want: "Connection timed out"},
		{name: "invalid", err: syscall.EINVAL, want: "Invalid argument"},
		{name: "wrapped in PathError",
			err:  &fs.PathError{Op: "open", Path: "/x", Err: syscall.ENOTDIR},
			want: "Not a directory"},
		{name: "wrapped in OpError",
			err:  &net.OpError{Op: "read", Net: "tcp", Err: os.NewSyscallError("read", syscall.ECONNRESET)},
			want: "Connection reset by peer"},
		{name: "fmt wrapped", err: fmt.Errorf("write: %w", syscall.EPIPE), want: "Broken pipe"},
		{name: "fs.ErrNotExist", err: fs.ErrNotExist, want: "No such file or directory"},
		{name: "fs.ErrPermission", err: fs.ErrPermission, want: "Permission denied"},
		{name: "fs.ErrExist", err: fs.ErrExist, want: "File exists"},
		{name: "net.ErrClosed", err: net.ErrClosed, want: "Bad file descriptor"},
		{name: "os.ErrClosed", err: os.ErrClosed, want: "Bad file descriptor"},
		{name: "io.ErrClosedPipe", err: io.ErrClosedPipe, want: "Broken pipe"},
		{name: "deadline", err: os.ErrDeadlineExceeded, want: "Connection timed out"},
		{name: "context deadline", err: context.DeadlineExceeded, want: "Connection timed out"},
		{name: "context canceled", err: context.Canceled, want: "Interrupted system call"},
		{name: "no such host", err: &net.DNSError{Err: "no such host", Name: "h", IsNotFound: true},
			want: "Name or service not known"},
		{name: "unknown port", err: &net.DNSError{Err: "unknown port", Name: "tcp/x", IsNotFound: true},
			want: "Servname not supported for ai_socktype"},
		{name: "dns timeout", err: &net.DNSError{Err: "i/o timeout", Name: "h", IsTimeout: true},
			want: "Temporary failure in name resolution"},
		{name: "redirect error words its cause",
			err:  &Error{Path: "/dev/tcp/h/1", Err: syscall.ECONNREFUSED},
			want: "Connection refused"},
		{name: "invalid port", err: ErrInvalidPort, want: "invalid port number"},
		{name: "other error", err: errors.New("something odd"), want: "something odd"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tc.want, Errno(tc.err))
		})
	}
}

// TestErrnoReal words errors produced by real operations.
func TestErrnoReal(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	tests := []struct {
		name string
		op   func(t *testing.T) error
		want string
	}{
		{name: "open missing file", want: "No such file or directory", op: func(*testing.T) error {
			_, err := os.Open(filepath.Join(dir, "missing"))
			return err
		}},
		{name: "read closed file", want: "Bad file descriptor", op: func(t *testing.T) error {
			f, err := os.Create(filepath.Join(dir, "closed"))
			require.NoError(t, err)
			require.NoError(t, f.Close())
			_, err = f.Read(make([]byte, 1))
			return err
		}},
		{name: "read closed socket", want: "Bad file descriptor", op: func(t *testing.T) error {
			pc, err := net.ListenPacket("udp4", "127.0.0.1:0")
			require.NoError(t, err)
			require.NoError(t, pc.Close())
			_, _, err = pc.ReadFrom(make([]byte, 1))
			return err
		}},
		{name: "write to closed in-memory pipe", want: "Broken pipe", op: func(t *testing.T) error {
			a, b := net.Pipe()
			require.NoError(t, b.Close())
			defer a.Close()
			_, err := a.Write([]byte("x"))
			return err
		}},
		{name: "connection reset", want: "Connection reset by peer", op: func(t *testing.T) error {
			ln := listenTCP(t, "tcp4", "127.0.0.1:0")
			defer ln.Close()
			c, err := net.Dial("tcp4", ln.Addr().String())
			require.NoError(t, err)
			defer c.Close()
			s, err := ln.Accept()
			require.NoError(t, err)
			require.NoError(t, s.(*net.TCPConn).SetLinger(0))
			require.NoError(t, s.Close())
			require.NoError(t, c.SetReadDeadline(time.Now().Add(testTimeout)))
			_, err = c.Read(make([]byte, 1))
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
