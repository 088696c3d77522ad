package duration

import (
	"math"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParse(t *testing.T) {
	inf := time.Duration(math.MaxInt64)
	cases := []struct {
		name, in string
		want     time.Duration
		infinite bool
		bad      bool
	}{
		{"integer", "2", 2 * time.Second, false, false},
		{"fraction", "0.5", 500 * time.Millisecond, false, false},
		{"leading dot", ".5", 500 * time.Millisecond, false, false},
		{"trailing dot", "1.", time.Second, false, false},
		{"exponent", "1e-3", time.Millisecond, false, false},
		{"exponent suffix", "1e+2s", 100 * time.Second, false, false},
		{"minutes", "1.5m", 90 * time.Second, false, false},
		{"hours", "2h", 2 * time.Hour, false, false},
		{"days", "0.5d", 12 * time.Hour, false, false},
		{"plus sign", "+0.25", 250 * time.Millisecond, false, false},
		{"leading space", " \t1", time.Second, false, false},
		{"negative zero", " -0", 0, false, false},
		{"hex", "0x10", 16 * time.Second, false, false},
		{"hex fraction", "0X.8", 500 * time.Millisecond, false, false},
		{"hex exponent", "0xAp-1m", 5 * time.Minute, false, false},
		{"hex overflow", "0x1p99999", inf, true, false},
		{"hex underflow", "0x1p-99999", 0, false, false},
		{"hex without exponent digits", "0x1p", 0, false, true},
		{"round up", "1e-10", 1, false, false},
		{"underflow", "1e-400", 0, false, false},
		{"inf", "inf", inf, true, false},
		{"infinity upper", "INFINITY", inf, true, false},
		{"inf days", "infd", inf, true, false},
		{"overflow", "1e400", inf, true, false},
		{"too long for Duration", "1e12", inf, true, false},
		{"empty", "", 0, false, true},
		{"garbage suffix", "0.2x", 0, false, true},
		{"two suffixes", "0ss", 0, false, true},
		{"nan", "nan", 0, false, true},
		{"negative", "-1", 0, false, true},
		{"trailing space", "0 ", 0, false, true},
		{"comma", "0,5", 0, false, true},
		{"bare 0x", "0x", 0, false, true},
		{"bare exponent", "1e", 0, false, true},
		{"dot", ".", 0, false, true},
		{"underscore", "1_0", 0, false, true},
		{"infinity junk", "infinityx", 0, false, true},
		{"suffix then digits", "1s2", 0, false, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d, infinite, err := Parse(tc.in)
			if tc.bad {
				var pe *ParseError
				require.ErrorAs(t, err, &pe)
				assert.Equal(t, tc.in, pe.Input)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, d)
			assert.Equal(t, tc.infinite, infinite)
		})
	}
}

func TestMessage(t *testing.T) {
	cases := []struct {
		name, in   string
		utf8       bool
		prog, want string
	}{
		{"C", "0.2x", false, "sleep", "sleep: invalid time interval '0.2x'"},
		{"UTF-8", "0.2x", true, "sleep", "sleep: invalid time interval \u20180.2x\u2019"},
		{"timeout", "x", false, "timeout", "timeout: invalid time interval 'x'"},
		{"apostrophe C", "a'b", false, "sleep", `sleep: invalid time interval 'a\'b'`},
		{"apostrophe UTF-8", "a'b", true, "sleep", "sleep: invalid time interval \u2018a'b\u2019"},
		{"newline", "a\nb", false, "sleep", `sleep: invalid time interval 'a\nb'`},
		{"backslash", `a\b`, true, "sleep", "sleep: invalid time interval \u2018a\\\\b\u2019"},
		{"escape", "\x1b", false, "sleep", `sleep: invalid time interval '\033'`},
		{"multibyte C", "é", false, "sleep", `sleep: invalid time interval '\303\251'`},
		{"multibyte UTF-8", "é", true, "sleep", "sleep: invalid time interval \u2018é\u2019"},
		{"invalid UTF-8", "\xff", true, "sleep", "sleep: invalid time interval \u2018\\377\u2019"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := Parse(tc.in)
			require.Error(t, err)
			pe, ok := err.(*ParseError)
			require.True(t, ok)
			assert.Equal(t, tc.want, pe.Message(tc.prog, tc.utf8))
		})
	}
	_, _, err := Parse("zz")
	require.Error(t, err)
	assert.Equal(t, "invalid time interval 'zz'", err.Error())
}

// TestAgainstCoreutils checks acceptance and the diagnostic of /bin/sleep
// for a set of arguments under both locales.
func TestAgainstCoreutils(t *testing.T) {
	sleep, err := exec.LookPath("sleep")
	if err != nil {
		t.Skip("no sleep(1)")
	}
	args := []string{"0.2x", "1e-3", ".5", "0x0.1", "inf", "''", "0 ", "0ss", "nan",
		"0d", "0x", "1e", "1e+", ".e1", ".", "1..2", "\t0", "\n0", "1s2", "0xAp-99m",
		"1_0", "infinityx", "infs", "a'b", "a\\b", "\x7f", "é", "\xff", "\u00a0", "\u2018x", "a\u2019b", "\u200b", "\u2028", "\U0010ffff", "\ue000",
		"0,5", "+0.01", " -0", "1e-400", "a\nb", "0e", "0x1p-9", "0.", "\x01", "0x1p-99999", "0x1p"}
	for _, loc := range []string{"C", "C.UTF-8"} {
		for _, a := range args {
			t.Run(loc+"/"+a, func(t *testing.T) {
				t.Parallel()
				cmd := exec.Command("timeout", "0.3", sleep, a)
				cmd.Env = append(os.Environ(), "LC_ALL="+loc)
				out, err := cmd.CombinedOutput()
				code := 0
				if ee, ok := err.(*exec.ExitError); ok {
					code = ee.ExitCode()
				}
				_, _, perr := Parse(a)
				if code == 1 {
					require.Error(t, perr)
					first := strings.SplitN(string(out), "\n", 2)[0]
					assert.Equal(t, first, perr.(*ParseError).Message(sleep, loc != "C"))
				} else {
					assert.NoError(t, perr, "sleep exited %d", code)
				}
			})
		}
	}
}
