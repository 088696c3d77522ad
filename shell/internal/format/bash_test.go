package format

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// bashResult is what one bash printf (or echo) run produced.
type bashResult struct {
	out    string
	diags  []string
	status int
}

// printfCase is one differential case.
type printfCase struct {
	format string
	args   []string
}

// runBash runs script with args under bash in the given locale and
// TZ=UTC, returning stdout, the diagnostics (without bash's
// "bash: line 1: " prefix) and the exit status.
func runBash(script string, args []string, utf8 bool) (bashResult, error) {
	cmd := exec.Command("bash", append([]string{"-c", script, "bash"}, args...)...)
	loc := "C"
	if utf8 {
		loc = "C.UTF-8"
	}
	cmd.Env = append(os.Environ(), "LC_ALL="+loc, "TZ=UTC")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	res := bashResult{out: stdout.String()}
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		res.status = ee.ExitCode()
	} else if err != nil {
		return res, err
	}
	if stderr.Len() > 0 {
		for _, l := range strings.Split(strings.TrimSuffix(stderr.String(), "\n"), "\n") {
			res.diags = append(res.diags, strings.TrimPrefix(l, "bash: line 1: "))
		}
	}
	return res, nil
}

// bashPrintfAll runs every case through bash's printf in parallel.
func bashPrintfAll(t *testing.T, cases []printfCase, utf8 bool) []bashResult {
	res := make([]bashResult, len(cases))
	errs := make([]error, len(cases))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				res[i], errs[i] = runBash(`printf -- "$@"`, append([]string{cases[i].format}, cases[i].args...), utf8)
			}
		}()
	}
	for i := range cases {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		require.NoError(t, err)
	}
	return res
}

// ourPrintf runs Printf the way the differential tests compare it.
func ourPrintf(c printfCase, utf8 bool) bashResult {
	var out bytes.Buffer
	var diags []string
	st, err := Printf(&out, c.format, c.args, Options{
		UTF8:      utf8,
		Warn:      func(m string) { diags = append(diags, strings.ReplaceAll(m, "\n", "\n")) },
		Location:  time.UTC,
		StartTime: time.Unix(1234567890, 0),
	})
	if err != nil {
		st = 99
	}
	// bash writes diagnostics line by line; split ours the same way.
	var lines []string
	for _, d := range diags {
		lines = append(lines, strings.Split(d, "\n")...)
	}
	return bashResult{out: out.String(), diags: lines, status: st}
}
