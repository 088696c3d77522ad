//go:build linux

package fdtable

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/unix"
)

// runHelper is the test binary's behaviour as a child process.
func runHelper(mode string) int {
	var out any
	switch mode {
	case "readline":
		tb := Std(os.Stdin, os.Stdout, os.Stderr)
		defer tb.ReleaseAll()
		c, _ := tb.Get(0)
		line, _ := c.ReadDelim('\n', 0)
		fmt.Printf("got:%s", line)
		return 0
	case "std":
		out = helperStd()
	case "limit":
		out = helperLimit()
	default:
		fmt.Fprintln(os.Stderr, "unknown helper", mode)
		return 2
	}
	json.NewEncoder(os.Stdout).Encode(out)
	return 0
}

type stdReport struct {
	FDs       []int
	Kinds     map[int]string
	Modes     map[int]string
	Inherited map[int]bool
	Cloexec   map[int]bool
	Refs3     int // after a second Std
	Refs3Done int // after both tables were released
	AgainFDs  []int
}

func helperStd() stdReport {
	rep := stdReport{Kinds: map[int]string{}, Modes: map[int]string{}, Inherited: map[int]bool{}, Cloexec: map[int]bool{}}
	tb := Std(os.Stdin, os.Stdout, os.Stderr)
	rep.FDs = tb.FDs()
	for _, fd := range rep.FDs {
		c, _ := tb.Get(fd)
		rep.Kinds[fd] = c.Kind().String()
		rep.Modes[fd] = c.Mode().String()
		rep.Inherited[fd] = tb.Inherited(fd)
		if fd >= 3 {
			fl, _ := unix.FcntlInt(uintptr(fd), unix.F_GETFD, 0)
			rep.Cloexec[fd] = fl&unix.FD_CLOEXEC != 0
		}
	}
	c3, _ := tb.Get(3)
	c3.Write([]byte("hello"))
	tb2 := Std(os.Stdin, os.Stdout, os.Stderr)
	rep.Refs3 = c3.Info().Refs
	tb.ReleaseAll()
	tb2.ReleaseAll()
	rep.Refs3Done = c3.Info().Refs
	tb3 := Std(os.Stdin, os.Stdout, os.Stderr)
	rep.AgainFDs = tb3.FDs()
	tb3.ReleaseAll()
	return rep
}

type limitReport struct {
	Soft, Hard   uint64
	SetAtLimit   string
	SetBelow     string
	CanOpenAll   string
	OpenFileAll  string // Table.OpenFile on a full table
	PipeAll      string // Table.Pipe on a full table
	AllocFDAll   string // Table.AllocFD on a full table
	AllocFDKeeps int    // references of the channel AllocFD refused
	AfterSetSoft uint64
	ChildSees    string
}

func helperLimit() limitReport {
	var rep limitReport
	rep.Soft, rep.Hard, _ = NoFileLimit()
	tb := NewTable()
	errText := func(err error) string {
		if err == nil {
			return "ok"
		}
		return err.Error()
	}
	c, _ := OpenFile("/dev/null", os.O_RDONLY, 0)
	err := tb.Set(int(rep.Soft), c)
	rep.SetAtLimit = errText(err)
	rep.SetBelow = errText(tb.Set(int(rep.Soft)-1, c))
	for fd := 0; fd < int(rep.Soft)-1; fd++ {
		n, _ := OpenFile("/dev/null", os.O_RDONLY, 0)
		tb.Set(fd, n)
	}
	extra, _ := OpenFile("/dev/null", os.O_RDONLY, 0)
	rep.CanOpenAll = errText(tb.CanOpen(1))
	_, err = tb.OpenFile("/dev/null", os.O_RDONLY, 0)
	rep.OpenFileAll = errText(err)
	_, _, err = tb.Pipe()
	rep.PipeAll = errText(err)
	_, err = tb.AllocFD(0, extra)
	rep.AllocFDAll = errText(err)
	rep.AllocFDKeeps = extra.Info().Refs
	extra.Release()
	tb.ReleaseAll() // the real descriptors would exceed the new limit
	if err := SetNoFileLimit(200, rep.Hard); err != nil {
		rep.ChildSees = err.Error()
		return rep
	}
	rep.AfterSetSoft, _, _ = NoFileLimit()
	b, _ := exec.Command("/bin/sh", "-c", "ulimit -Sn").Output()
	rep.ChildSees = strings.TrimSpace(string(b))
	return rep
}

// runHelperChild runs the test binary in a helper mode through bash.
func runHelperChild(t *testing.T, mode, prelude string, files []*os.File, v any) {
	cmd := exec.Command("/bin/bash", "-c", prelude+` exec "$0"`, os.Args[0])
	cmd.Env = append(os.Environ(), helperEnv+"="+mode, "GORACE=atexit_sleep_ms=0")
	cmd.ExtraFiles = files
	out, err := cmd.Output()
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(out, v), "%s", out)
}

func TestStdImportsInheritedDescriptors(t *testing.T) {
	checkFDs(t)
	pr, pw, err := os.Pipe()
	require.NoError(t, err)
	defer pr.Close()
	path := tempFile(t, "data")
	f, err := os.Open(path)
	require.NoError(t, err)
	var rep stdReport
	runHelperChild(t, "std", "", []*os.File{pw, f}, &rep)
	pw.Close()
	f.Close()

	// The child also inherits what this test process inherited (and did
	// not mark close-on-exec); nothing of the Go runtime's.
	want := []int{0, 1, 2, 3, 4}
	wantCloexec := map[int]bool{3: true, 4: true}
	for _, fd := range scanInherited() {
		if fd > 4 {
			want = append(want, fd)
			wantCloexec[fd] = true
		}
	}
	assert.Equal(t, want, rep.FDs, "the runtime's own descriptors are not imported")
	assert.Equal(t, "pipe", rep.Kinds[3])
	assert.Equal(t, "w", rep.Modes[3])
	assert.Equal(t, "file", rep.Kinds[4])
	assert.Equal(t, "r", rep.Modes[4])
	assert.True(t, rep.Inherited[3])
	assert.True(t, rep.Inherited[0])
	assert.Equal(t, wantCloexec, rep.Cloexec)
	assert.Equal(t, 2, rep.Refs3, "tables from Std share inherited channels")
	assert.Equal(t, 0, rep.Refs3Done)
	assert.Equal(t, []int{0, 1, 2}, rep.AgainFDs, "released inherited fds stay closed")
	assert.Equal(t, "pipe", rep.Kinds[3])
	got := make([]byte, 5)
	_, err = pr.Read(got)
	require.NoError(t, err)
	assert.Equal(t, "hello", string(got))
}

func TestNoFileLimit(t *testing.T) {
	soft, hard, err := NoFileLimit()
	require.NoError(t, err)
	assert.LessOrEqual(t, soft, hard)
	assert.Greater(t, soft, uint64(2))
	out, err := exec.Command("/bin/sh", "-c", "ulimit -Sn").Output()
	require.NoError(t, err)
	assert.Equal(t, strings.TrimSpace(string(out)), strconv.FormatUint(soft, 10), "what a child sees")
}

func TestNoFileLimitHiddenByGo(t *testing.T) {
	var rep limitReport
	runHelperChild(t, "limit", "ulimit -Sn 256 || exit 1;", nil, &rep)
	assert.Equal(t, uint64(256), rep.Soft)
	assert.Equal(t, "256: Bad file descriptor", rep.SetAtLimit)
	assert.Equal(t, "ok", rep.SetBelow)
	assert.Equal(t, "Too many open files", rep.CanOpenAll)
	assert.Equal(t, "open /dev/null: too many open files", rep.OpenFileAll)
	assert.Equal(t, "Too many open files", rep.PipeAll)
	assert.Equal(t, "Too many open files", rep.AllocFDAll)
	assert.Equal(t, 1, rep.AllocFDKeeps, "a refused AllocFD leaves the reference with the caller")
	assert.Equal(t, uint64(200), rep.AfterSetSoft)
	assert.Equal(t, "200", rep.ChildSees)
}
