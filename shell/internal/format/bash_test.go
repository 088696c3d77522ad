package format

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"tcpsh/shell/internal/bashtest"
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
	r, err := bashtest.Run(script, args, bashtest.Locale(utf8), "TZ=UTC")
	res := bashResult{out: r.Stdout, status: r.Status}
	if r.Stderr != "" {
		for _, l := range strings.Split(strings.TrimSuffix(r.Stderr, "\n"), "\n") {
			res.diags = append(res.diags, strings.TrimPrefix(l, "bash: line 1: "))
		}
	}
	return res, err
}

// bashPrintfAll runs every case through bash's printf in parallel.
func bashPrintfAll(t *testing.T, cases []printfCase, utf8 bool) []bashResult {
	res := make([]bashResult, len(cases))
	bashtest.Parallel(t, len(cases), func(i int) (err error) {
		res[i], err = runBash(`printf -- "$@"`, append([]string{cases[i].format}, cases[i].args...), utf8)
		return err
	})
	return res
}

// ourPrintf runs Printf the way the differential tests compare it.
func ourPrintf(c printfCase, utf8 bool) bashResult {
	var out bytes.Buffer
	var diags []string
	st, err := Printf(&out, c.format, c.args, Options{
		UTF8:      utf8,
		Warn:      func(m string) { diags = append(diags, m) },
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
