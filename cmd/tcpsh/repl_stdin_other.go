//go:build !unix

package main

import (
	"os"
	"sync/atomic"
)

// stdinReader is the terminal itself where poll(2) is missing: Close
// does not wake a Read in progress.
type stdinReader struct {
	f   *os.File
	eof atomic.Bool // a Read returned an error
}

func newStdinReader(stdin *os.File) (*stdinReader, error) { return &stdinReader{f: stdin}, nil }

// Read reads the terminal.
func (s *stdinReader) Read(p []byte) (int, error) {
	n, err := s.f.Read(p)
	if err != nil {
		s.eof.Store(true)
	}
	return n, err
}

// ended tells whether the input ended.
func (s *stdinReader) ended() bool { return s.eof.Load() }

// hungUp is false: a hangup is not told from an end of input here.
func (s *stdinReader) hungUp() bool { return false }

// Close does nothing: the terminal belongs to the shell.
func (s *stdinReader) Close() error { return nil }

// free does nothing.
func (s *stdinReader) free() {}
