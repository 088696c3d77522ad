//go:build linux

package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestREPLCompletion types a word's beginning and Tab, then Enter, and
// reads what ran.
func TestREPLCompletion(t *testing.T) {
	home := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(home, "notes-unique.txt"), []byte("file body\n"), 0o644))
	s := startREPL(t, home, nil)
	s.expect(defaultPrompt())
	s.run("exec 57>/dev/null")
	s.run("greet() { echo hello from greet; }")
	cases := []struct {
		name  string
		typed string
		line  string // the line once completed
		want  string // its output
	}{
		{"builtin", "histor\t", "history ", "1  exec 57>/dev/null"},
		{"function", "gree\t", "greet ", "hello from greet\n"},
		{"open fd", "echo to57 >&5\t; echo status $?", "echo to57 >&57 ; echo status $?", "status 0\n"},
		{"file", "cat notes-u\t", "cat notes-unique.txt ", "file body\n"},
		{"dev tcp host", "echo /dev/tcp/localh\t", "echo /dev/tcp/localhost/", "/dev/tcp/localhost/\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s.send(tc.typed)
			s.send("\r")
			s.expect(tc.line + "\n")
			assert.Contains(t, s.expect(defaultPrompt()), tc.want)
		})
	}
	s.send("exit\r")
	assert.Equal(t, 0, s.wait().ExitCode())
}
