package fdtable

import (
	"context"
	"errors"
	"io"
	"os"
	"time"
)

// fileToConn reports whether WriteToContext may copy c, a regular file, to
// dst, a TCP connection, in one copyFileToConn even under a context that
// can be cancelled: reading a file never waits, so only the writes can
// block, and interruptWrite breaks those off through the connection's
// write deadline. Without this the copy took slowCopy's 32 KiB read/write
// loop (four times the system calls of bash's cat), and a peer that
// stopped reading could not be interrupted.
func (c *Channel) fileToConn(dst *Channel) bool {
	if c.kind != KindFile || c.file == nil || dst == nil || dst.conn == nil || dst.kind != KindTCP {
		return false
	}
	dst.mu.Lock()
	defer dst.mu.Unlock()
	return dst.children == 0
}

// fileCopyBuffer is copyFileToConn's buffer size.
const fileCopyBuffer = 256 << 10

// copyFileToConn copies a file to a connection through a 256 KiB buffer.
// It is not sendfile(2) on purpose. Against a loopback peer that copies
// what it receives, sendfile took twice the wall time of a read/write
// loop (1 GiB from tmpfs, nine interleaved rounds): it queues the file's
// 4 KiB page-cache pages as socket buffer fragments, and the receiver
// spent 390-590 ms of CPU per GiB copying them out against 200-350 ms for
// the large fragments write(2) builds; there 128 KiB, 256 KiB and 1 MiB
// buffers were within the noise of each other. Against a sink that drops
// what it gets (scripts/bench since 2026-11-30), the sender is the limit
// and sendfile is fastest (median 6.7 GB/s over five runs), then this
// loop with 128 or 256 KiB (4.6), then 1 MiB (3.9: the buffer no longer
// stays in the CPU's cache between the read and the write), bash's cat
// 3.4. 256 KiB is the size that does well against both peers.
func copyFileToConn(dst io.Writer, src io.Reader) (int64, error) {
	// The wrappers hide ReadFrom/WriteTo, which would pick sendfile.
	return io.CopyBuffer(struct{ io.Writer }{dst}, struct{ io.Reader }{src}, make([]byte, fileCopyBuffer))
}

// interruptWrite is interruptOn for writes to c's connection: when ctx is
// done, a pending write fails soon after (its write deadline is set in the
// past). Call finish with the copy's error: it clears the deadline (tcpsh
// sets no other) and turns the deadline error into ctx.Err().
func (c *Channel) interruptWrite(ctx context.Context) (finish func(error) error) {
	if ctx.Done() == nil {
		return keepErr
	}
	done := make(chan struct{})
	stop := context.AfterFunc(ctx, func() {
		defer close(done)
		c.conn.SetWriteDeadline(aLongTimeAgo)
	})
	return func(err error) error {
		if stop() {
			return err
		}
		<-done
		c.conn.SetWriteDeadline(time.Time{})
		if err != nil && errors.Is(err, os.ErrDeadlineExceeded) {
			return ctx.Err()
		}
		return err
	}
}
