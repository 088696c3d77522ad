package format

import (
	"bytes"
	"math/rand"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseEchoFlags(t *testing.T) {
	cases := []struct {
		name              string
		args              []string
		noNewline, escape bool
		rest              []string
	}{
		{"none", []string{"a"}, false, false, []string{"a"}},
		{"n", []string{"-n", "a"}, true, false, []string{"a"}},
		{"combined last wins", []string{"-neE", "x"}, true, false, []string{"x"}},
		{"separate", []string{"-e", "-n", "a"}, true, true, []string{"a"}},
		{"unknown letter", []string{"-nx", "a"}, false, false, []string{"-nx", "a"}},
		{"double dash", []string{"--", "a"}, false, false, []string{"--", "a"}},
		{"dash", []string{"-", "a"}, false, false, []string{"-", "a"}},
		{"stops at first word", []string{"a", "-n"}, false, false, []string{"a", "-n"}},
		{"only flags", []string{"-e"}, false, true, []string{}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			n, e, rest := ParseEchoFlags(tc.args)
			assert.Equal(t, tc.noNewline, n)
			assert.Equal(t, tc.escape, e)
			assert.Equal(t, tc.rest, rest)
		})
	}
}

// echo runs the whole echo builtin with this package's pieces.
func echo(args []string, utf8 bool) string {
	var out bytes.Buffer
	noNL, esc, rest := ParseEchoFlags(args)
	stop, _ := EchoLocale(&out, rest, esc, utf8)
	if !stop && !noNL {
		out.WriteByte('\n')
	}
	return out.String()
}

func TestEchoAgainstBash(t *testing.T) {
	cases := [][]string{
		{"-e", `\101|\0101|\01011|\x41|\x411|\u00e9|\e|\E|\q|\'|\"|\?|\\|\c|after`},
		{"-e", `a\cb`, "x"},
		{"-e", "a", `b\c`, "c"},
		{"-neE", `x\n`},
		{"-nx", "a"},
		{"--", "a"},
		{"-", "a"},
		{"-e", "-n", `a\tb`},
		{"-e"},
		{"-n"},
		{},
		{"-e", `\0`, `\0001`, `\08`},
		{"-e", `\x`, `\u`, `\xg`, `\uzz`, `\U`, `\U0001F600`, `\uD800`},
		{"-e", `\8\9\08`, `x\`},
		{"-e", `\a\b\f\n\r\t\v`},
		{`\n`, "-e"},
		{"-E", "-e", `\t`},
		{"a  b", "", "c"},
	}
	for _, utf8 := range []bool{true, false} {
		for _, args := range cases {
			want, err := runBash(`echo "$@"`, args, utf8)
			require.NoError(t, err)
			assert.Equal(t, want.out, echo(args, utf8), "utf8=%v args=%q", utf8, args)
		}
	}
}

func TestQuoteTable(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"empty", "", "''"},
		{"plain", "abc", "abc"},
		{"space", "a b", `a\ b`},
		{"specials", `!"$&'()*,;<>?[\]^` + "`{|}", `\!\"\$\&\'\(\)\*\,\;\<\>\?\[\\\]\^` + "\\`" + `\{\|\}`},
		{"leading tilde and hash", "~#x~#", `\~#x~#`},
		{"hash first", "#a", `\#a`},
		{"harmless", "-=%@+:./", "-=%@+:./"},
		{"control", "a\tb", `$'a\tb'`},
		{"escape", "\x1b", `$'\E'`},
		{"ansi keeps specials", "a b'\"\\\x01~#", `$'a b\'"\\\001~#'`},
		{"del", "\x7f", `$'\177'`},
		{"utf8 printable", "é", "é"},
		{"invalid byte", "\xff", `$'\377'`},
		{"nbsp printable", "a\u00a0b", "a\u00a0b"},
		{"line separator", "a\u2028b", `$'a\342\200\250b'`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, Quote(tc.in))
		})
	}
	assert.Equal(t, `$'\303\251'`, QuoteLocale("é", false))
}

// TestQuoteAgainstBash quotes random strings with bash's printf %q.
func TestQuoteAgainstBash(t *testing.T) {
	alpha := []string{"a", "Z", "0", " ", "~", "#", "=", ":", "'", "\"", "\\", "$", "!", "\t", "\n", "\x01", "\x1b",
		"\x7f", "é", "€", "\xff", "\xc3", "\u00a0", "\u0085", "\u200b", "\u2028", "\U0001F600", "\u0378",
		"\ue000", "\xed\xa0\x80", "\xf4\x90\x80\x80", "*", "?", "[", "]", "{", "}", ",", "^", "`", "|", "&", ";", "<", ">", "(", ")"}
	r := rand.New(rand.NewSource(9))
	var inputs []string
	for i := 0; i < 500; i++ {
		var b strings.Builder
		for k := r.Intn(6); k > 0; k-- {
			b.WriteString(alpha[r.Intn(len(alpha))])
		}
		inputs = append(inputs, b.String())
	}
	for _, utf8 := range []bool{true, false} {
		want, err := runBash(`for a; do printf '%q\0' "$a"; done`, inputs, utf8)
		require.NoError(t, err)
		got := strings.Split(strings.TrimSuffix(want.out, "\x00"), "\x00")
		require.Len(t, got, len(inputs))
		for i, in := range inputs {
			assert.Equal(t, got[i], QuoteLocale(in, utf8), "utf8=%v in=%q", utf8, in)
		}
	}
}

func BenchmarkEcho(b *testing.B) {
	var out bytes.Buffer
	args := []string{"hello", `world\t\x41\u00e9`, "and", "more", "words"}
	for i := 0; i < b.N; i++ {
		out.Reset()
		_, _ = EchoLocale(&out, args, true, true)
	}
}
