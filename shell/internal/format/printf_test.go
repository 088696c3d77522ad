package format

import (
	"bytes"
	"fmt"
	"math/rand"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// curated are hand-picked printf cases compared with bash.
var curated = []printfCase{
	{"%d|", []string{"12abc", "5"}},
	{"%d|", []string{"99999999999999999999", "-99999999999999999999", "99999999999999999999x"}},
	{"%u|%x|%o|%X|", []string{"-1", "-1", "-1", "255"}},
	{"%u|", []string{"0xffffffffffffffff", "-9223372036854775809", "18446744073709551616", "-18446744073709551615"}},
	{"%d|", []string{"", " ", " 5", "5 ", "5  x", "'", "'ab", "\"a", "'é", "0x1F", "017", "08", "-0x10", "+5", "09x"}},
	{"%d|", []string{" 08", "-08", "-0x", "0X1f", "0x7fffffffffffffff", "0xffffffffffffffff", "-9223372036854775808", "0Xg", "0x1g", "0b1"}},
	{"%d|", []string{"0x", "0xg", "-", "+", "\t5", "\n5", "5\n", "1e3", "+-1", "--1", "1.5"}},
	{"%f|", []string{"1e5000", "1e-5000", "1e-4940", "abc", "1.5x", "inf", "-inf", "nan", "-nan", "infinity", "0x10", "'a", " 5 ", "", " "}},
	{"%a|%a|%.20f|", []string{"1", "0.1", "0.1"}},
	{"%e|", []string{"0x1.8p3", "0X.8", "1e", "1e+", ".5", "5.", ".", "-0", "0x"}},
	{"%.1a|%.0a|%.0a|%.0a|%.2a|%#.0a|%a|%a|%.3a|%A|%010a|%a|%a|%.20a", []string{"0xf.fp0", "0xf.8p0", "0xe.8p0", "0xf.9p0", "1", "1", "0", "-0", "0", "0.1", "1", "1e-4940", "inf", "1"}},
	{"%g|%g|%g|%#g|%#.0g|%.0g|%g|%g|%G|%g|%.3g|%#.3g|%g", []string{"100000", "1000000", "0.0001", "1", "1", "0.5", "1e-5", "123456789", "1e-10", "0", "1234.5", "1", "-0"}},
	{"%e|%.0e|%#.0e|%E|%.3e|%f|%.0f|%#.0f|%.1f|%.2f|%f", []string{"0", "1.5", "1", "12345.678", "9.9995", "-0", "2.5", "2", "0.05", "0.125", "1e20"}},
	{"%+f|% f|%010.3f|%-10.2e|%+010g|%08.3E|% 09F|%-+8.1f|", []string{"1.5", "1.5", "-3.14159", "2.5", "77", "1234.5", "inf", "-0"}},
	{"%5.2f|%05f|%5F|%-5g|%05A", []string{"nan", "-inf", "inf", "nan", "inf"}},
	{"%b|", []string{`\101\0101\01011\x41\x411\u00e9\U0001F600\e\E\q\'\"\?\\`}},
	{`\101\0101\01011\x41\x411\u00e9\U0001F600\e\E\q\'\"\?\\|`, nil},
	{`\x\xg\u\ug\U|`, nil},
	{"%b", []string{`\x\xg\u\ug\U|`}},
	{`\u0000a\x00b\0c\000d\1234|\400|\777`, nil},
	{"%b", []string{`\u0000a\x00b\0c\000d\8\1234\01234|\0400`}},
	{"%b|%b|%b", []string{`\a\b\f\n\r\t\v`, `x\`, `\c`}},
	{`\a\b\f\n\r\t\v\c|x\`, nil},
	{`\uD800|\U110000|\U7fffffff|\uFFFF|\Uffffffff|\U80000000|\u12345|\U1F600x|\U0000000041`, nil},
	{`\U00000080|\u00e9|\U000000e9|\U00010000|\u0100`, nil},
	{"%s|%s\n", []string{"a", "b", "c"}},
	{"%s|%d|%b|%c|%q|%f|%x|%(%Y)T\n", nil},
	{"abc\n", []string{"extra", "args"}},
	{"%z", nil},
	{"ab%zcd", []string{"x"}},
	{"ab%", []string{"x"}},
	{"ab%5", []string{"x"}},
	{"ab%-", []string{"x"}},
	{"a%5%b|", nil},
	{"a%%b|%5%", nil},
	{"%ld|%lld|%hd|%Lf|%jd|%zd|%td|%qd|%hhd", []string{"1", "2", "3", "4", "5", "6", "7", "8", "9"}},
	{"%s %s|", []string{"a"}},
	{"%c|%c|%c|%5c|%-5c|%05c|", []string{"", "abc", "é", "x", "y", "z"}},
	{"%.1s|%3s|%-3s|%.2s|%05s|%.0s|", []string{"é", "é", "é", "éé", "a", "abc"}},
	{"%.1q|%5q|%-5q|%.3q|%q|%q", []string{"é", "é", "é", "a'b", "", "~x"}},
	{"%q|", []string{"é", "\xff", "a\xffb", "a b", "", "~x", "x~", "#a", "a#", "a=b", "=a", "\t", "\n", "'", "!", ",", "a,b", "\x1b", "\x7f", "a\u00a0b", "a\u0085b", "a\u2028b", "a\u0301", "\xed\xa0\x80"}},
	{"%5.2s|%-5.2s|%*s|%-*s|%.*s|%*.*s|", []string{"abc", "abc", "4", "a", "4", "b", "2", "abcd", "5", "2", "xyz"}},
	{"%*s|%.*s|%-*s|%*d|", []string{"-4", "a", "-1", "abc", "-3", "z", "x", "5"}},
	{"%*s|", nil},
	{"%12345678901s|%.12345678901s|%2147483648d|", []string{"a", "a", "3"}},
	{"%05s|%-05d|%05d|%+d|% d|%+ d|%+5d|%-+5d|%05.3d|%.0d|%.0d|%#o|%#x|%#X|%#.0o|%#x|", []string{"a", "3", "3", "3", "3", "3", "3", "3", "3", "0", "1", "8", "255", "255", "0", "0"}},
	{"%+u|% u|%+x|%+o|%+c|%+s|% s|%#s|%#d|%0s|%0c|", []string{"3", "3", "3", "3", "a", "a", "a", "a", "3", "a", "b"}},
	{"%'d|%'10d|%'f|", []string{"1234567", "1234567", "1234.5"}},
	{"%.3d|%8.3d|%-8.3x|%08.3d|%+.0d|% .0d|", []string{"5", "5", "255", "5", "0", "0"}},
	{"%#o|%#.3o|%#5o|%#x|%#08x|%+u|%i|", []string{"0", "8", "8", "0", "255", "5", "-7"}},
	{"ab%5b|%-5b|%.1b|\n", []string{`x\cy`, "z", "qq"}},
	{"%5b|", []string{`ab\c`}},
	{"%d %b %d", []string{"x", `a\cb`, "1"}},
	{"%(%Y-%m-%d %H:%M:%S)T|", []string{"0", "86400", "", "abc", "1.5", "-3", "99999999999999999"}},
	{"%()T|%T|", []string{"0", "0"}},
	{"%(%Y|", []string{"0"}},
	{"%(%Y)|", []string{"0"}},
	{"%(%Y)d|", []string{"0"}},
	{"%(%abc)x|", []string{"0"}},
	{"%(abc|", []string{"0"}},
	{"%(ab)c)T|", []string{"0"}},
	{"x%(%Y)", []string{"0"}},
	{"%5(abc)x|", []string{"0"}},
	{"%20(%Y)T|%-6(%Y)T|%.2(%Y)T|%((%Y))T|%(%(%Y))T", []string{"0", "0", "0", "0", "0"}},
	{"%(%s)T|", []string{"-3", "99999999999999999"}},
	{"%(" + strings.Repeat("x", 127) + ")T|%(" + strings.Repeat("x", 128) + ")T|", []string{"0", "0"}},
	{"%n|%s|", []string{"", "y"}},
	{"%n", []string{"1x"}},
	{"%é|", nil},
	{"%-", nil},
	{"%", nil},
	{"%.", []string{"1"}},
	{"%.s|%.d|%.f|%.e|", []string{"abc", "5", "1.5", "1.5"}},
	{"%10.4s|%-10.4q|%10.4b|", []string{"abcdefg", "a b c d", `a\tbcdef`}},
}

func TestPrintfAgainstBash(t *testing.T) {
	for _, utf8 := range []bool{true, false} {
		want := bashPrintfAll(t, curated, utf8)
		for i, c := range curated {
			got := ourPrintf(c, utf8)
			assert.Equal(t, want[i], got, "utf8=%v format=%q args=%q", utf8, c.format, c.args)
		}
	}
}

// randomCase builds a random format with matching-ish arguments.
func randomCase(r *rand.Rand) printfCase {
	convs := "diouxXeEfFgGaAcsbq"
	flags := []string{"", "", "-", "+", " ", "#", "0", "'", "-0", "+ ", "#0", "-#"}
	texts := []string{"", "|", "x", `\n`, `\t`, `\\`, `\x41`, `\101`, "%%", " "}
	var f strings.Builder
	n := 1 + r.Intn(3)
	for k := 0; k < n; k++ {
		f.WriteString(texts[r.Intn(len(texts))])
		f.WriteByte('%')
		f.WriteString(flags[r.Intn(len(flags))])
		switch r.Intn(4) {
		case 1:
			fmt.Fprintf(&f, "%d", r.Intn(25))
		case 2:
			f.WriteByte('*')
		}
		switch r.Intn(4) {
		case 1:
			fmt.Fprintf(&f, ".%d", r.Intn(25))
		case 2:
			f.WriteString(".*")
		case 3:
			f.WriteByte('.')
		}
		f.WriteByte(convs[r.Intn(len(convs))])
		f.WriteByte('|')
	}
	pool := []string{"0", "1", "-1", "42", "-42", "255", "3.14159", "-2.5", "1e10", "1e-10", "0.1",
		"0x1F", "017", "08", "abc", "", " 7", "7 ", "'A", "'é", "\"z", "inf", "-inf", "nan",
		"99999999999999999999", "-9223372036854775808", "18446744073709551615", "1.5x",
		"0x1.8p3", "123456789.987654321", "5e-324", "1e308", "1e400", "0.0000001234",
		"hello world", `a\tb\c`, `\0101\x42`, "é€", "-0", "+3", "1e", "0x", "12345678901234567890123",
		"0.5", "1.5", "2.5", "0.125", "9.9999999", "1e-4950", "1e4940", "0xFFFFFFFFFFFFFFFFp0"}
	if strings.Contains(f.String(), "*") {
		// Keep * widths small: a huge one makes bash print 2 GB.
		pool = []string{"0", "1", "-1", "5", "-7", "12", "3.5", "abc", "", "x", "'A", "0x1F", "1e3", "-0"}
	}
	var args []string
	for k := r.Intn(8); k > 0; k-- {
		args = append(args, pool[r.Intn(len(pool))])
	}
	return printfCase{format: f.String(), args: args}
}

func TestPrintfRandomAgainstBash(t *testing.T) {
	r := rand.New(rand.NewSource(3))
	var cases []printfCase
	for i := 0; i < 1500; i++ {
		cases = append(cases, randomCase(r))
	}
	for _, utf8 := range []bool{true, false} {
		want := bashPrintfAll(t, cases, utf8)
		for i, c := range cases {
			got := ourPrintf(c, utf8)
			assert.Equal(t, want[i], got, "utf8=%v format=%q args=%q", utf8, c.format, c.args)
		}
	}
}

func TestPrintfTable(t *testing.T) {
	start := time.Date(2009, 2, 13, 23, 31, 30, 0, time.UTC)
	now := time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)
	cases := []struct {
		name, format string
		args         []string
		utf8         bool
		want         string
		status       int
		diags        []string
	}{
		{"reuse", "%s-%s;", []string{"a", "b", "c"}, true, "a-b;c-;", 0, nil},
		{"no conversions", "x", []string{"1", "2"}, true, "x", 0, nil},
		{"invalid number continues", "%d,%d", []string{"abc", "7"}, true, "0,7", 1, []string{"printf: abc: invalid number"}},
		{"range warning keeps status", "%d", []string{"99999999999999999999"}, true, "9223372036854775807", 0,
			[]string{"printf: warning: 99999999999999999999: Numerical result out of range"}},
		{"now", "%(%F %T)T", nil, true, "2024-05-06 07:08:09", 0, nil},
		{"start time", "%(%F %T)T", []string{"-2"}, true, "2009-02-13 23:31:30", 0, nil},
		{"backslash c in %b stops", "%b|%s", []string{`a\cb`, "x"}, true, "a", 0, nil},
		{"unicode in C locale", `\u00e9`, nil, false, `\u00E9`, 0, nil},
		{"char code bytes in C", "%d", []string{"'é"}, false, "195", 0, nil},
		{"char code rune in UTF-8", "%d", []string{"'é"}, true, "233", 0, nil},
		{"quote C locale", "%q", []string{"é"}, false, `$'\303\251'`, 0, nil},
		{"missing format character", "a%5", nil, true, "a", 1, []string{"printf: `%5': missing format character"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			var diags []string
			st, err := Printf(&out, tc.format, tc.args, Options{
				UTF8: tc.utf8, Warn: func(m string) { diags = append(diags, m) },
				Now: func() time.Time { return now }, StartTime: start, Location: time.UTC,
			})
			assert.NoError(t, err)
			assert.Equal(t, tc.want, out.String())
			assert.Equal(t, tc.status, st)
			assert.Equal(t, tc.diags, diags)
		})
	}
}

func TestPrintfAssignN(t *testing.T) {
	got := map[string]int64{}
	var out bytes.Buffer
	st, err := Printf(&out, "ab%nc%n|", []string{"x", "y", "p", "q"}, Options{AssignN: func(n string, v int64) bool {
		got[n] = v
		return true
	}})
	assert.NoError(t, err)
	assert.Equal(t, 0, st)
	assert.Equal(t, "abc|abc|", out.String())
	assert.Equal(t, map[string]int64{"x": 2, "y": 3, "p": 2, "q": 3}, got)

	st, err = Printf(&out, "%n", []string{"ro"}, Options{AssignN: func(string, int64) bool { return false }})
	assert.NoError(t, err)
	assert.Equal(t, 1, st)
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, fmt.Errorf("broken pipe") }

func TestPrintfWriteError(t *testing.T) {
	st, err := Printf(failWriter{}, "hello", nil, Options{})
	assert.Error(t, err)
	assert.Equal(t, 1, st)
}

func BenchmarkPrintf(b *testing.B) {
	var out bytes.Buffer
	args := []string{"name", "42", "3.14159", "0x1f", `a\tb`}
	for i := 0; i < b.N; i++ {
		out.Reset()
		_, _ = Printf(&out, "%-10s|%5d|%8.3f|%#x|%b\n", args, Options{UTF8: true})
	}
}
