//go:build linux

package fdtable

import (
	"context"
	"io"
	"os"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// holdByChild gives c to a (pretend) external command until the test ends:
// the description is then in blocking mode and reads go through poll(2).
func holdByChild(t *testing.T, c *Channel) {
	_, release, err := c.ChildFile()
	require.NoError(t, err)
	t.Cleanup(release)
}

func TestErrorsNameOpAndPath(t *testing.T) {
	checkFDs(t)
	past := func(t *testing.T, c *Channel) {
		require.NoError(t, c.SetReadDeadline(time.Now().Add(-time.Second)))
	}
	cases := []struct {
		name     string
		op       func(t *testing.T) error
		is       error
		wantOp   string
		wantPath string
	}{
		{"ChildFile after the last release", func(t *testing.T) error {
			c := openNull(t, os.O_RDONLY)
			c.Release()
			_, _, err := c.ChildFile()
			return err
		}, os.ErrClosed, "dup", "/dev/null"},
		{"deadline passed on a polled pipe", func(t *testing.T) error {
			c := blockingPipeSource(t).c
			t.Cleanup(c.Release)
			past(t, c)
			_, err := c.Read(make([]byte, 1))
			return err
		}, os.ErrDeadlineExceeded, "read", "r"},
		{"deadline passed on a peek while a child holds the socket", func(t *testing.T) error {
			client, _ := tcpPair(t)
			c := NewConn(client, "/dev/tcp/127.0.0.1/x")
			t.Cleanup(c.Release)
			holdByChild(t, c)
			past(t, c)
			_, err := c.ReadDelim('\n', 0)
			return err
		}, os.ErrDeadlineExceeded, "read", "/dev/tcp/127.0.0.1/x"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var err error
			within(t, 5*time.Second, tc.name, func() { err = tc.op(t) })
			require.Error(t, err)
			assert.ErrorIs(t, err, tc.is)
			var pe *os.PathError
			require.ErrorAs(t, err, &pe)
			assert.Equal(t, tc.wantOp, pe.Op)
			assert.Equal(t, tc.wantPath, pe.Path)
		})
	}
}

func TestReadDelimPeekReset(t *testing.T) {
	checkFDs(t)
	cases := []struct {
		name  string
		child bool
	}{
		{"netpoller wait", false},
		{"poll while a child holds the socket", true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			client, server := tcpPair(t)
			c := NewConn(client, "/dev/tcp/127.0.0.1/x")
			defer c.Release()
			if tc.child {
				holdByChild(t, c)
			}
			require.NoError(t, server.SetLinger(0))
			require.NoError(t, server.Close())
			var err error
			within(t, 5*time.Second, "ReadDelim", func() { _, err = c.ReadDelim('\n', 0) })
			assert.True(t, IsReset(err), "got %v", err)
			var pe *os.PathError
			require.ErrorAs(t, err, &pe)
			assert.Equal(t, "/dev/tcp/127.0.0.1/x", pe.Path)
			assert.Equal(t, "RESET", c.Info().State)
		})
	}
}

func TestReadsWaitingForTheReaderSlotGiveUp(t *testing.T) {
	checkFDs(t)
	cases := []struct {
		name string
		read func(ctx context.Context, c *Channel) error
	}{
		{"ReadContext", func(ctx context.Context, c *Channel) error {
			_, err := c.ReadContext(ctx, make([]byte, 1))
			return err
		}},
		{"ReadDelimContext", func(ctx context.Context, c *Channel) error {
			_, err := c.ReadDelimContext(ctx, '\n', 0, false)
			return err
		}},
		{"WriteToContext", func(ctx context.Context, c *Channel) error {
			_, err := c.WriteToContext(ctx, io.Discard)
			return err
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			src := ownedPipeSource(t)
			defer src.c.Release()
			require.NoError(t, src.c.lockRead(context.Background())) // another reader
			ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
			defer cancel()
			var err error
			within(t, 5*time.Second, tc.name, func() { err = tc.read(ctx, src.c) })
			assert.ErrorIs(t, err, context.DeadlineExceeded)
			src.c.unlockRead()

			src.feed("x\n")
			b, err := src.c.ReadDelim('\n', 0)
			require.NoError(t, err)
			assert.Equal(t, "x\n", string(b))
		})
	}
}

func TestSetNoFileLimitError(t *testing.T) {
	soft, hard, err := NoFileLimit()
	require.NoError(t, err)
	if hard == Unlimited {
		t.Skip("no hard limit to exceed")
	}
	err = SetNoFileLimit(hard+1, hard)
	assert.ErrorIs(t, err, syscall.EINVAL, "soft above hard")
	var se *os.SyscallError
	require.ErrorAs(t, err, &se)
	assert.Equal(t, "setrlimit", se.Syscall)
	got, _, err := NoFileLimit()
	require.NoError(t, err)
	assert.Equal(t, soft, got, "unchanged")
}
