//go:build linux

package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
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
	timeout time.Duration // default 10 s
}

// runSockShell runs shell (argv[0] its base name) in a fresh directory,
// bounded in time, killing its whole process group at the end, and
// normalises bash's "bash: " prefix. dir is the working directory.
func runSockShell(t *testing.T, shell, dir string, sc sockCase) runResult {
	t.Helper()
	to := sc.timeout
	if to == 0 {
		to = 10 * time.Second
	}
	ctx, cancel := context.WithTimeout(context.Background(), to)
	defer cancel()
	cmd := exec.CommandContext(ctx, shell, sc.args...)
	cmd.Args[0] = filepath.Base(shell)
	cmd.Dir = dir
	cmd.Env = append(scriptEnv(dir, os.TempDir(), "C"), sc.env...)
	cmd.ExtraFiles = sc.extra
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = time.Second
	if sc.stdin != nil {
		cmd.Stdin = bytes.NewReader(sc.stdin)
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if cmd.Process != nil {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
	status := 0
	var exitErr *exec.ExitError
	switch {
	case ctx.Err() != nil:
		t.Errorf("%s timed out after %v", cmd.Args[0], to)
		status = -1
	case errors.As(err, &exitErr):
		status = exitErr.ExitCode()
		if ws, ok := exitErr.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			status = 128 + int(ws.Signal())
		}
	case errors.Is(err, exec.ErrWaitDelay):
		status = cmd.ProcessState.ExitCode()
	case err != nil:
		t.Fatalf("run %s: %v", cmd.Args[0], err)
	}
	res := runResult{stdout: stdout.String(), stderr: stderr.String(), status: status}
	if cmd.Args[0] == "bash" {
		res.stdout, res.stderr = normaliseBash(res.stdout), normaliseBash(res.stderr)
	}
	return res
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

// scriptPath is the absolute path of a file under /work/main/scripts.
func scriptPath(t *testing.T, name string) string {
	t.Helper()
	p, err := filepath.Abs(filepath.Join("..", "..", "scripts", name))
	require.NoError(t, err)
	return p
}
