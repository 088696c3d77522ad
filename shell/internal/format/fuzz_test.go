package format

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"
)

// fuzzOutMax bounds what one fuzzed printf or echo may write; a field
// width near INT_MAX would otherwise print gigabytes, as it does in bash.
const fuzzOutMax = 1 << 20

var errFuzzFull = errors.New("fuzz output limit")

// capWriter is a bytes.Buffer that fails once more than fuzzOutMax bytes
// were written.
type capWriter struct{ bytes.Buffer }

func (w *capWriter) Write(p []byte) (int, error) {
	if w.Len()+len(p) > fuzzOutMax {
		return 0, errFuzzFull
	}
	return w.Buffer.Write(p)
}

// FuzzPrintf runs the printf engine on random formats and arguments: it
// must not panic, must return status 0 or 1, and must copy a format with
// no conversion or escape unchanged.
func FuzzPrintf(f *testing.F) {
	for _, c := range curated {
		a1, a2 := "", ""
		if len(c.args) > 0 {
			a1 = c.args[0]
		}
		if len(c.args) > 1 {
			a2 = c.args[1]
		}
		f.Add(c.format, a1, a2, true)
	}
	f.Add("%*.*d|%n%s", "5", "3", false)
	f.Add("%(%Y-%m-%d)T", "-1", "x", true)
	f.Add("%q %b", "a'b", `\0777\c`, false)
	f.Add("%-2147483647d", "1", "", false)
	f.Fuzz(func(t *testing.T, format, a1, a2 string, utf8 bool) {
		var w capWriter
		var warned int
		opt := Options{
			UTF8:      utf8,
			Warn:      func(string) { warned++ },
			Now:       func() time.Time { return time.Unix(1700000000, 0) },
			StartTime: time.Unix(1600000000, 0),
			Location:  time.UTC,
			AssignN:   func(string, int64) bool { return true },
		}
		status, err := Printf(&w, format, []string{a1, a2}, opt)
		if errors.Is(err, errFuzzFull) {
			return
		}
		if err != nil {
			t.Fatalf("Printf(%q): error %v from a buffer", format, err)
		}
		if status != 0 && status != 1 {
			t.Fatalf("Printf(%q) status %d", format, status)
		}
		if !strings.ContainsAny(format, `%\`) && w.String() != format {
			t.Fatalf("Printf(%q) = %q, want the format unchanged", format, w.String())
		}
	})
}

// FuzzEcho runs echo's option parser and escapes on random arguments: no
// panic; without -e (or with -e and no backslash) the output is the
// arguments joined by spaces; \c is the only way to stop.
func FuzzEcho(f *testing.F) {
	for _, s := range []string{`\a\b\c`, `\0101\x41\u00e9\U0001F600`, `\x`, `\u`, `\0`, `-neE`, `-e`, `\\`, "\xff\xc3", `\U7fffffff`} {
		f.Add("-e", s, "x", true)
		f.Add("-E", s, "", false)
	}
	f.Fuzz(func(t *testing.T, a0, a1, a2 string, utf8 bool) {
		noNL, esc, rest := ParseEchoFlags([]string{a0, a1, a2})
		_ = noNL
		var w capWriter
		stop, err := EchoLocale(&w, rest, esc, utf8)
		if errors.Is(err, errFuzzFull) {
			return
		}
		if err != nil {
			t.Fatalf("EchoLocale: %v", err)
		}
		joined := strings.Join(rest, " ")
		if !esc || !strings.Contains(joined, `\`) {
			if stop || w.String() != joined {
				t.Fatalf("echo %q (escapes %v) = %q stop %v, want %q", rest, esc, w.String(), stop, joined)
			}
		}
		if stop && !strings.Contains(joined, `\c`) {
			t.Fatalf("echo %q stopped without \\c", rest)
		}
	})
}
