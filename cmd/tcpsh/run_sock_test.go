//go:build linux

package main

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sockCase is one run of a shell for the socket tests.
type sockCase struct {
	args    []string   // after argv[0], e.g. {"-c", script}
	env     []string   // extra NAME=value (besides scriptEnv's)
	extra   []*os.File // ExtraFiles: fds 3, 4, ...
	stdin   []byte
	timeout time.Duration // default scriptTimeout
}

// runSockShell runs shell (argv[0] its base name) in dir, as runShell
// does, with sc's arguments, stdin, extra files and time limit and
// scriptEnv's environment plus sc's.
func runSockShell(t *testing.T, shell, dir string, sc sockCase) runResult {
	t.Helper()
	return runShell(t, runSpec{
		shell:   shell,
		args:    sc.args,
		input:   sc.stdin,
		dir:     dir,
		env:     append(scriptEnv(dir, os.TempDir(), "C"), sc.env...),
		extra:   sc.extra,
		timeout: sc.timeout,
	})
}

// tcpshRun runs the shell under test.
func tcpshRun(t *testing.T, sc sockCase) runResult {
	t.Helper()
	needShells(t)
	return runSockShell(t, shellUnderTest, t.TempDir(), sc)
}

// sameAsBash runs sc under bash and under tcpsh and compares everything.
func sameAsBash(t *testing.T, sc sockCase) runResult {
	t.Helper()
	needShells(t)
	want := runSockShell(t, refBash, t.TempDir(), sc)
	got := runSockShell(t, shellUnderTest, t.TempDir(), sc)
	assert.Equal(t, want.stdout, got.stdout, "stdout")
	assert.Equal(t, want.stderr, got.stderr, "stderr")
	assert.Equal(t, want.status, got.status, "status")
	return got
}

// script is a -c run of s.
func script(s string, env ...string) sockCase {
	return sockCase{args: []string{"-c", s}, env: env}
}

// scriptPath is the absolute path of a file under the repository's
// scripts directory.
func scriptPath(t *testing.T, name string) string {
	t.Helper()
	p, err := filepath.Abs(filepath.Join("..", "..", "scripts", name))
	require.NoError(t, err)
	return p
}
