package fields

import (
	"bytes"
	"fmt"
	"math/rand"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"tcpsh/shell/internal/bashtest"
)

func TestSplitRead(t *testing.T) {
	cases := []struct {
		name, ifs, line string
		n               int
		raw             bool
		want            []string
	}{
		{"default", DefaultIFS, "  a  b   c  d  ", 3, true, []string{"a", "b", "c  d"}},
		{"fewer fields", DefaultIFS, " a ", 3, true, []string{"a", "", ""}},
		{"single name trims", DefaultIFS, " \t a b \t", 1, true, []string{"a b"}},
		{"colon", ":", "x:y:z", 3, true, []string{"x", "y", "z"}},
		{"empty middle", ":", "x::z", 3, true, []string{"x", "", "z"}},
		{"trailing sep dropped", ":", "x:y:z:", 3, true, []string{"x", "y", "z"}},
		{"two trailing seps kept", ":", "x:y:z::", 3, true, []string{"x", "y", "z::"}},
		{"last keeps inner", ":", "x:y:z:w", 2, true, []string{"x", "y:z:w"}},
		{"one name trailing sep", ":", "x:", 1, true, []string{"x"}},
		{"one name leading sep", ":", ":x:", 1, true, []string{":x:"}},
		{"mixed ifs", ": ", "x : y  :  z : ", 3, true, []string{"x", "y", "z"}},
		{"mixed ifs last", ": ", "x y:", 1, true, []string{"x y:"}},
		{"non-ifs space kept", ":", "x:y:z: ", 3, true, []string{"x", "y", "z: "}},
		{"empty ifs", "", "  a b  ", 2, true, []string{"  a b  ", ""}},
		{"all seps", ":", ":::", 3, true, []string{"", "", ""}},
		{"escaped space", DefaultIFS, `a\ b c`, 2, false, []string{"a b", "c"}},
		{"escaped trailing space kept", DefaultIFS, `a b\ `, 2, false, []string{"a", "b "}},
		{"escaped leading space", DefaultIFS, ` \  a`, 2, false, []string{" ", "a"}},
		{"escaped colon", ":", `a\:b:c`, 2, false, []string{"a:b", "c"}},
		{"escaped trailing colon", ":", `a:b:c\::`, 3, false, []string{"a", "b", "c:"}},
		{"escaped backslash", ":", `a:b:\\`, 3, false, []string{"a", "b", `\`}},
		{"trailing backslash dropped", ":", `a:b:c\`, 3, false, []string{"a", "b", "c"}},
		{"lone trailing backslash", ":", `a:\`, 3, false, []string{"a", "\x01", ""}},
		{"ifs with 0x01 disables protection", ":\x01", `a\:b`, 2, false, []string{"a", "b"}},
		{"incomplete character swallows backslash", DefaultIFS, "\xc3\\ x", 2, false, []string{"\xc3\\", "x"}},
		{"continuation removed", DefaultIFS, "a\\\nb c", 2, false, []string{"ab", "c"}},
		{"raw keeps backslash", DefaultIFS, `a\ b`, 2, true, []string{`a\`, "b"}},
		{"empty ifs unescapes", "", `a\ b\\c\`, 1, false, []string{`a b\c`}},
		{"cr is white space", "\r", "\rx\r\ry\r", 3, true, []string{"x", "y", ""}},
		{"multibyte ifs", "é", "xééy", 3, true, []string{"x", "", "y"}},
		{"other multibyte not split", "é", "xèy", 2, true, []string{"xèy", ""}},
		{"invalid byte matches ifs byte", "é", "x\xa9y", 2, true, []string{"x", "y"}},
		{"array", ":", ":a::b:", 0, true, []string{"", "a", "", "b"}},
		{"array white", DefaultIFS, "  a  b  ", -1, true, []string{"a", "b"}},
		{"array empty", DefaultIFS, "   ", 0, true, nil},
		{"array empty ifs", "", " a ", 0, true, []string{" a "}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, SplitReadLocale(tc.line, tc.ifs, tc.n, tc.raw, true))
		})
	}
}

func TestSplitReadCLocale(t *testing.T) {
	assert.Equal(t, []string{"x", "", "\xc3\xa9y"}, SplitReadLocale("xééy", "é", 3, true, false))
	assert.Equal(t, []string{"x", "", "\xa9y"}, SplitReadLocale("x\xc3\xc3\xa9y", "é", 3, true, false))
}

// readCase is one differential case.
type readCase struct {
	ifs   string
	unset bool
	line  string
	n     int // 0 means read -a
	raw   bool
}

// bashRead runs the cases with bash and returns the values it assigned
// for each. Every case gets a fresh bash process, because glibc's mblen
// keeps hidden state across calls after an incomplete multibyte sequence,
// which makes bash's splitting of later lines depend on earlier ones.
func bashRead(t *testing.T, cases []readCase, utf8 bool) [][]string {
	res := make([][]string, len(cases))
	bashtest.Parallel(t, len(cases), func(i int) (err error) {
		res[i], err = bashReadOne(cases[i], utf8)
		return err
	})
	return res
}

const readScript = `
r=$1 n=$2 u=$3 ifs=$4 line=$5 f=$6
args=(); [[ $r = 1 ]] && args=(-r)
if ((n == 0)); then
  args+=(-a v)
else
  for ((i = 0; i < n; i++)); do args+=("v$i"); done
fi
if [[ $u = 1 && $f = 1 ]]; then
  read "${args[@]}" < <(printf %s "$line")
elif [[ $u = 1 ]]; then
  read "${args[@]}" <<< "$line"
elif [[ $f = 1 ]]; then
  IFS=$ifs read "${args[@]}" < <(printf %s "$line")
else
  IFS=$ifs read "${args[@]}" <<< "$line"
fi
if ((n > 0)); then
  v=(); for ((i = 0; i < n; i++)); do eval "v+=(\"\$v$i\")"; done
fi
printf '%d\0' "${#v[@]}"
(( ${#v[@]} )) && printf '%s\0' "${v[@]}"
exit 0
`

func bashReadOne(c readCase, utf8 bool) ([]string, error) {
	// Lines ending in a backslash or a byte that may start a multibyte
	// character are fed without a newline, which bash would otherwise
	// take as a continuation or swallow.
	f := c.line != "" && (c.line[len(c.line)-1] == '\\' || c.line[len(c.line)-1] >= 0x80)
	out, err := bashtest.Output(readScript, []string{b2s(c.raw), strconv.Itoa(c.n), b2s(c.unset), c.ifs, c.line, b2s(f)},
		bashtest.Locale(utf8))
	if err != nil {
		return nil, err
	}
	parts := strings.Split(out, "\x00")
	k, err := strconv.Atoi(parts[0])
	if err != nil {
		return nil, err
	}
	if k == 0 {
		return nil, nil
	}
	if len(parts) < k+1 {
		return nil, fmt.Errorf("short output %q", out)
	}
	return parts[1 : k+1], nil
}

func b2s(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

// TestSplitReadAgainstBash compares random lines, IFS values and name
// counts with bash's read in both locales.
func TestSplitReadAgainstBash(t *testing.T) {
	lineAlpha := []string{" ", " ", "\t", ":", ":", ";", "a", "b", "c", `\`, `\`, "é", "\xc3", "\xa9", "\v", "\r", "è", "\x01", "\x7f", "\xed\xa0", "\xf4\x90", "\xc0", "\xe0\x80", "\xff", "\xe2\x82"}
	ifsAlpha := []string{" ", "\t", "\n", ":", ";", "é", "\xc3", "\r", "\v", "a", "\x01", "\x7f", "\xa9", "€"}
	r := rand.New(rand.NewSource(7))
	for _, utf8 := range []bool{true, false} {
		var cases []readCase
		for i := 0; i < 1500; i++ {
			var line bytes.Buffer
			for j := r.Intn(14); j > 0; j-- {
				line.WriteString(lineAlpha[r.Intn(len(lineAlpha))])
			}
			c := readCase{line: line.String(), n: r.Intn(5), raw: r.Intn(2) == 0}
			switch r.Intn(10) {
			case 0:
				c.unset = true
			case 1:
				c.ifs = ""
			default:
				var ifs strings.Builder
				for j := 1 + r.Intn(3); j > 0; j-- {
					ifs.WriteString(ifsAlpha[r.Intn(len(ifsAlpha))])
				}
				c.ifs = ifs.String()
			}
			cases = append(cases, c)
		}
		want := bashRead(t, cases, utf8)
		for i, c := range cases {
			ifs := c.ifs
			if c.unset {
				ifs = DefaultIFS
			}
			got := SplitReadLocale(c.line, ifs, c.n, c.raw, utf8)
			if c.n == 0 && len(got) == 0 {
				got = nil
			}
			assert.Equal(t, want[i], got, "utf8=%v ifs=%q line=%q n=%d raw=%v", utf8, ifs, c.line, c.n, c.raw)
		}
	}
}

func BenchmarkSplitRead(b *testing.B) {
	line := strings.Repeat(`alpha  beta\ gamma:delta `, 8)
	for i := 0; i < b.N; i++ {
		_ = SplitReadLocale(line, " \t\n:", 4, false, true)
	}
}

func ExampleSplitReadLocale() {
	fmt.Printf("%q\n", SplitReadLocale("  one  two three  ", DefaultIFS, 2, true, true))
	// Output: ["one" "two three"]
}

func TestNeedMoreBytes(t *testing.T) {
	cases := []struct {
		name string
		unit string
		utf8 bool
		want bool
	}{
		{"ascii", "a", true, false},
		{"lead byte", "\xc3", true, true},
		{"complete", "\xc3\xa9", true, false},
		{"three byte prefix", "\xe2\x82", true, true},
		{"surrogate prefix still incomplete", "\xed\xa0", true, true},
		{"beyond unicode prefix", "\xf4\x90", true, true},
		{"five byte form", "\xf8\x88\x80", true, true},
		{"invalid lead", "\xc0", true, false},
		{"continuation alone", "\xa9", true, false},
		{"broken by ascii", "\xc3\\", true, false},
		{"C locale", "\xc3", false, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, NeedMoreBytes([]byte(tc.unit), tc.utf8))
		})
	}
}
