//go:build unix

package main

import (
	"errors"
	"io"
	"os"
	"sync"
	"sync/atomic"

	"golang.org/x/sys/unix"
)

// stdinReader reads the terminal for the line editor with poll(2), so
// that Close can wake a Read that waits for input: no goroutine is left
// blocked in read(2), which would hang readline's Close and then steal
// the first byte typed for the next program. The wake-up pipe is
// close-on-exec and never enters the shell's fd table.
type stdinReader struct {
	fd           int
	wakeR, wakeW *os.File
	wakeFD       int
	once         sync.Once
	eof          atomic.Bool // a Read returned an error or io.EOF
	hup          atomic.Bool // the terminal hung up (EIO)
}

func newStdinReader(stdin *os.File) (*stdinReader, error) {
	r, w, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	return &stdinReader{fd: int(stdin.Fd()), wakeR: r, wakeW: w, wakeFD: int(r.Fd())}, nil
}

// Read waits for input or Close; after Close it returns io.EOF.
func (s *stdinReader) Read(p []byte) (int, error) {
	n, err := s.read(p)
	if err != nil {
		s.eof.Store(true)
	}
	return n, err
}

// ended tells whether the input ended (hangup, Close).
func (s *stdinReader) ended() bool { return s.eof.Load() }

// hungUp tells whether the terminal went away: its reads fail with EIO.
func (s *stdinReader) hungUp() bool { return s.hup.Load() }

func (s *stdinReader) read(p []byte) (int, error) {
	for {
		fds := []unix.PollFd{
			{Fd: int32(s.fd), Events: unix.POLLIN},
			{Fd: int32(s.wakeFD), Events: unix.POLLIN},
		}
		_, err := unix.Poll(fds, -1)
		if errors.Is(err, unix.EINTR) {
			continue
		}
		if err != nil {
			return 0, err
		}
		if fds[1].Revents != 0 {
			return 0, io.EOF
		}
		if fds[0].Revents == 0 {
			continue
		}
		n, err := unix.Read(s.fd, p)
		switch {
		case errors.Is(err, unix.EINTR), errors.Is(err, unix.EAGAIN):
			continue
		case errors.Is(err, unix.EIO):
			s.hup.Store(true)
			return 0, err
		case err != nil:
			return 0, err
		case n == 0:
			// A hung-up terminal reads as end of file and polls as HUP.
			if fds[0].Revents&unix.POLLHUP != 0 {
				s.hup.Store(true)
			}
			return 0, io.EOF
		}
		return n, nil
	}
}

// Close wakes every Read, present and future. The read end of the pipe
// stays open, so that a Read still in poll sees the write end closed.
func (s *stdinReader) Close() error {
	s.once.Do(func() { s.wakeW.Close() })
	return nil
}

// free releases the pipe once no Read can be running.
func (s *stdinReader) free() {
	s.Close()
	s.wakeR.Close()
}
