//go:build linux

package shell

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLsofBuiltinGolden(t *testing.T) {
	checkLeaks(t)
	fx := newFdFixture(t)
	tests := []struct {
		name       string
		script     string
		wantOut    string
		wantStatus int
	}{
		{
			name:   "whole session",
			script: "lsof -P -n -p $$",
			wantOut: `COMMAND PID USER FD TYPE DEVICE SIZE/OFF NODE NAME
tcpsh PID USER cwd DIR DEV SIZE INODE $DIR
tcpsh PID USER rtd DIR DEV SIZE INODE /
tcpsh PID USER txt REG DEV SIZE INODE BINARY
tcpsh PID USER 0r CHR DEV 0t0 INODE /dev/null
tcpsh PID USER 1w FIFO DEV 0t0 INODE pipe
tcpsh PID USER 2w FIFO DEV 0t0 INODE pipe
tcpsh PID USER 3u IPv4 INODE 0t0 TCP 127.0.0.1:PORT->127.0.0.1:$TPORT (ESTABLISHED)
tcpsh PID USER 4u IPv4 INODE 0t0 UDP 127.0.0.1:PORT->127.0.0.1:$UPORT
tcpsh PID USER 5u IPv4 INODE 0t0 TCP 127.0.0.1:PORT->127.0.0.1:$TPORT (ESTABLISHED)
tcpsh PID USER 6r REG DEV 12 INODE $DIR/data.txt
`,
		},
		{
			name:   "internet files ANDed",
			script: "lsof -a -p $$ -i -nP",
			wantOut: `COMMAND PID USER FD TYPE DEVICE SIZE/OFF NODE NAME
tcpsh PID USER 3u IPv4 INODE 0t0 TCP 127.0.0.1:PORT->127.0.0.1:$TPORT (ESTABLISHED)
tcpsh PID USER 4u IPv4 INODE 0t0 UDP 127.0.0.1:PORT->127.0.0.1:$UPORT
tcpsh PID USER 5u IPv4 INODE 0t0 TCP 127.0.0.1:PORT->127.0.0.1:$TPORT (ESTABLISHED)
`,
		},
		{
			name:   "protocol",
			script: "lsof -nPap $$ -i UDP",
			wantOut: `COMMAND PID USER FD TYPE DEVICE SIZE/OFF NODE NAME
tcpsh PID USER 4u IPv4 INODE 0t0 UDP 127.0.0.1:PORT->127.0.0.1:$UPORT
`,
		},
		{
			name:   "port",
			script: "lsof -nP -a -p $$ -i :$UPORT",
			wantOut: `COMMAND PID USER FD TYPE DEVICE SIZE/OFF NODE NAME
tcpsh PID USER 4u IPv4 INODE 0t0 UDP 127.0.0.1:PORT->127.0.0.1:$UPORT
`,
		},
		{
			name:   "host and protocol and port",
			script: "lsof -nP -a -p $$ -i4TCP@localhost:$TPORT",
			wantOut: `COMMAND PID USER FD TYPE DEVICE SIZE/OFF NODE NAME
tcpsh PID USER 3u IPv4 INODE 0t0 TCP 127.0.0.1:PORT->127.0.0.1:$TPORT (ESTABLISHED)
tcpsh PID USER 5u IPv4 INODE 0t0 TCP 127.0.0.1:PORT->127.0.0.1:$TPORT (ESTABLISHED)
`,
		},
		{
			name:       "nothing selected",
			script:     "lsof -a -p $$ -i @127.0.0.2",
			wantStatus: 1,
		},
		{
			name:       "IPv6 only",
			script:     "lsof -a -p $$ -i6",
			wantStatus: 1,
		},
		{
			name:    "terse",
			script:  "lsof -t -a -p $$ -i TCP",
			wantOut: "PID\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, st := fx.run(t, fdSetup+tt.script)
			out = strings.ReplaceAll(out, strconv.Itoa(os.Getpid())+"\n", "PID\n")
			assert.Equal(t, tt.wantOut, fx.norm.text("lsof", out))
			assert.Equal(t, "", errOut)
			assert.Equal(t, tt.wantStatus, st)
		})
	}
}

// TestLsofBuiltinFallback checks which queries go to the real lsof: a
// fake one in PATH prints its arguments.
func TestLsofBuiltinFallback(t *testing.T) {
	checkLeaks(t)
	fx := newFdFixture(t)
	bin := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(bin, "lsof"), []byte("#!/bin/sh\necho \"real lsof $*\"\n"), 0o755))
	empty := t.TempDir()
	pid := strconv.Itoa(os.Getpid())
	tests := []struct {
		name       string
		path       string
		script     string
		wantOut    string
		wantErr    string
		wantStatus int
	}{
		{name: "selections ORed", path: bin, script: "lsof -p $$ -i", wantOut: "real lsof -p " + pid + " -i\n"},
		{name: "another pid", path: bin, script: "lsof -p 1", wantOut: "real lsof -p 1\n"},
		{name: "two pids", path: bin, script: "lsof -p $$,1", wantOut: "real lsof -p " + pid + ",1\n"},
		{name: "system wide", path: bin, script: "lsof -i :80", wantOut: "real lsof -i :80\n"},
		{name: "unknown option", path: bin, script: "lsof -p $$ -u root", wantOut: "real lsof -p " + pid + " -u root\n"},
		{name: "file operand", path: bin, script: "lsof -p $$ /etc/hosts", wantOut: "real lsof -p " + pid + " /etc/hosts\n"},
		{name: "disabled builtin", path: bin, script: "enable -n lsof; lsof -p $$", wantOut: "real lsof -p " + pid + "\n"},
		{name: "by path", path: empty, script: bin + "/lsof -p $$", wantOut: "real lsof -p " + pid + "\n"},
		{
			name: "not installed", path: empty, script: "lsof -i :80",
			wantErr:    "tcpsh: line 11: lsof: the real lsof is not installed (tcpsh itself answers only `lsof -p $$`, optionally with -a -i, -n, -P, -t)\n",
			wantStatus: 127,
		},
		{name: "ours without the real one", path: empty, script: "lsof -t -p $$", wantOut: pid + "\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, st := fx.run(t, fdSetup+tt.script, "PATH="+tt.path)
			assert.Equal(t, tt.wantOut, out)
			assert.Equal(t, tt.wantErr, errOut)
			assert.Equal(t, tt.wantStatus, st)
		})
	}
}

// TestFdStateCloseWait: after the server closes, the kernel's state shows
// at once; after the script reads end of file, the channel's too.
func TestFdStateCloseWait(t *testing.T) {
	checkLeaks(t)
	fx := newFdFixture(t)
	script := `exec 3<>/dev/tcp/127.0.0.1/$CPORT
for ((i = 0; i < 200; i++)); do
	[[ $(fd 3) == *CLOSE_WAIT* ]] && break
	sleep 0.02
done
fd 3
lsof -nP -a -p $$ -i TCP
read -r x <&3
echo "read: $?"
fd --json 3
`
	out, errOut, st := fx.run(t, script)
	require.Equal(t, "", errOut)
	require.Equal(t, 0, st)
	parts := strings.SplitN(out, "read: ", 2)
	require.Len(t, parts, 2, out)
	head, tail := parts[0], parts[1]
	fdOut, lsofOut, ok := strings.Cut(head, "COMMAND")
	require.True(t, ok, out)
	assert.Equal(t, `FD MODE TYPE TARGET STATE IN OUT AGE
3 rw tcp 127.0.0.1:PORT -> 127.0.0.1:$CPORT CLOSE_WAIT 0 0 AGE
`, fx.norm.text("fd", fdOut))
	assert.Equal(t, `COMMAND PID USER FD TYPE DEVICE SIZE/OFF NODE NAME
tcpsh PID USER 3u IPv4 INODE 0t0 TCP 127.0.0.1:PORT->127.0.0.1:$CPORT (CLOSE_WAIT)
`, fx.norm.text("lsof", "COMMAND"+lsofOut))
	status, js, _ := strings.Cut(tail, "\n")
	assert.Equal(t, "1", status)
	var row fdJSON
	require.NoError(t, json.Unmarshal([]byte(js), &row))
	assert.Equal(t, "CLOSE_WAIT", row.State)
	assert.Equal(t, "tcp", row.Type)
	assert.Equal(t, "127.0.0.1", row.Host)
}

// TestLsofCrossCheck compares our view of a session's sockets with the
// kernel's (/proc/self/fd) and the real lsof's, both looking at the OS
// descriptors behind them.
func TestLsofCrossCheck(t *testing.T) {
	checkLeaks(t)
	lsofPath, err := exec.LookPath("lsof")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("lsof is not installed; .ci/run installs it (%v)", err)
		}
		t.Skipf("lsof is not installed: %v", err)
	}
	fx := newFdFixture(t)
	s := fx.session(t)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	require.Equal(t, 0, s.r.RunScript(ctx, fdSetup+`fd --json 3 4 5
echo ---
lsof -a -p $$ -i
echo ---
lsof -a -p $$ -i -nP
`))
	pid := strconv.Itoa(os.Getpid())
	// The session is still open: ask the kernel and the real lsof now.
	var real [2]string
	for i, extra := range [][]string{nil, {"-n", "-P"}} {
		cmd := exec.CommandContext(ctx, lsofPath, append([]string{"-a", "-p", pid, "-i"}, extra...)...)
		b, err := cmd.Output()
		require.NoError(t, err)
		real[i] = string(b)
	}
	var rows []fdJSON
	procLinks := map[int]string{}
	for _, fd := range []int{3, 4, 5} {
		ch, err := s.r.fds.Get(fd)
		require.NoError(t, err)
		in := ch.Info()
		link, err := os.Readlink("/proc/self/fd/" + strconv.Itoa(in.OSFD))
		require.NoError(t, err)
		procLinks[fd] = link
	}
	s.done()
	require.Equal(t, "", s.stderr.String())

	sections := strings.Split(s.stdout.String(), "---\n")
	require.Len(t, sections, 3, s.stdout.String())
	for _, line := range strings.Split(strings.TrimSpace(sections[0]), "\n") {
		var row fdJSON
		require.NoError(t, json.Unmarshal([]byte(line), &row))
		rows = append(rows, row)
	}
	require.Len(t, rows, 3)
	for _, row := range rows {
		assert.Equal(t, "socket:["+strconv.FormatUint(row.Inode, 10)+"]", procLinks[row.FD], "fd %d", row.FD)
		assert.Equal(t, procLinks[row.FD], row.Object, "fd %d", row.FD)
	}
	assert.Equal(t, rows[0].Inode, rows[2].Inode, "a dup shares the socket")

	for i, ours := range sections[1:] {
		theirs := lsofRowsByDevice(real[i])
		oursRows := lsofRowsByDevice(ours)
		for _, row := range rows {
			dev := strconv.FormatUint(row.Inode, 10)
			require.Contains(t, theirs, dev, "real lsof:\n%s", real[i])
			require.Contains(t, oursRows, dev, "ours:\n%s", ours)
			assert.Equal(t, theirs[dev], oursRows[dev], "fd %d (real lsof:\n%s\nours:\n%s)", row.FD, real[i], ours)
		}
	}
}

// lsofRowsByDevice maps DEVICE to "TYPE NODE NAME" (NAME trimmed) for the
// rows of an lsof listing.
func lsofRowsByDevice(out string) map[string]string {
	m := map[string]string{}
	for _, line := range strings.Split(out, "\n") {
		f := strings.Fields(line)
		if len(f) < 9 || f[0] == "COMMAND" {
			continue
		}
		m[f[5]] = f[4] + " " + f[7] + " " + strings.Join(f[8:], " ")
	}
	return m
}
