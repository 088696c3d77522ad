package gnuhead

import (
	"bytes"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseArgs(t *testing.T) {
	def := Options{Lines: true, Count: 10, Delim: '\n'}
	with := func(f func(*Options)) Options { o := def; f(&o); return o }
	cases := []struct {
		name        string
		args        []string
		opt         Options
		files       []string
		unsupported string
		err         string
	}{
		{"none", nil, def, nil, "", ""},
		{"files and dash", []string{"a", "-", "b"}, def, []string{"a", "-", "b"}, "", ""},
		{"n separate", []string{"-n", "3"}, with(func(o *Options) { o.Count = 3 }), nil, "", ""},
		{"n attached", []string{"-n3", "f"}, with(func(o *Options) { o.Count = 3 }), []string{"f"}, "", ""},
		{"c elide", []string{"-c", "-4", "f"}, with(func(o *Options) { o.Lines, o.Count, o.Elide = false, 4, true }), []string{"f"}, "", ""},
		{"permuted", []string{"f", "-q", "g", "-n", "1"}, with(func(o *Options) { o.Count, o.Headers = 1, HeadersNever }), []string{"f", "g"}, "", ""},
		{"cluster", []string{"-qvzn2"}, with(func(o *Options) { o.Count, o.Headers, o.Delim = 2, HeadersAlways, 0 }), nil, "", ""},
		{"long", []string{"--bytes=1K", "--silent"}, with(func(o *Options) { o.Lines, o.Count, o.Headers = false, 1024, HeadersNever }), nil, "", ""},
		{"long abbreviated", []string{"--li", "5", "--verb", "--z"}, with(func(o *Options) { o.Count, o.Headers, o.Delim = 5, HeadersAlways, 0 }), nil, "", ""},
		{"double dash", []string{"--", "-n", "--"}, def, []string{"-n", "--"}, "", ""},
		{"obsolete", []string{"-5"}, with(func(o *Options) { o.Count = 5 }), nil, "", ""},
		{"obsolete bytes", []string{"-2k", "f"}, with(func(o *Options) { o.Lines, o.Count = false, 2048 }), []string{"f"}, "", ""},
		{"obsolete letters", []string{"-3kl"}, with(func(o *Options) { o.Count = 3072 }), nil, "", ""},
		{"obsolete then option", []string{"-3", "-c", "2"}, with(func(o *Options) { o.Lines, o.Count = false, 2 }), nil, "", ""},
		{"obsolete only first", []string{"-n", "1", "-3"}, def, nil, "", "invalid trailing option -- 3"},
		{"unknown short", []string{"-n", "1", "-x"}, def, nil, "-x", ""},
		{"unknown long", []string{"--nope=1"}, def, nil, "--nope=1", ""},
		{"help", []string{"--he"}, def, nil, "--he", ""},
		{"presume pipe", []string{"---presume-input-pipe"}, def, nil, "---presume-input-pipe", ""},
		{"ambiguous", []string{"--v"}, def, nil, "", "option '--v' is ambiguous; possibilities: '--verbose' '--version'"},
		{"needs argument", []string{"-c"}, def, nil, "", "option requires an argument -- 'c'"},
		{"long needs argument", []string{"--bytes"}, def, nil, "", "option '--bytes' requires an argument"},
		{"no argument", []string{"--zero=1"}, def, nil, "", "option '--zero-terminated' doesn't allow an argument"},
		{"bad count", []string{"-n", "1x"}, def, nil, "", "invalid number of lines: '1x'"},
		{"overflow", []string{"-c", "20E"}, def, nil, "", "invalid number of bytes: '20E': Value too large for defined data type"},
		{"elide too big", []string{"-c", "-9E"}, def, nil, "", "invalid number of bytes: '10376293541461622784': Value too large for defined data type"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			opt, files, uns, err := ParseArgs(tc.args, false)
			if tc.err != "" {
				require.Error(t, err)
				assert.Equal(t, tc.err, err.Error())
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.unsupported, uns)
			if uns == "" {
				assert.Equal(t, tc.opt, opt)
				assert.Equal(t, tc.files, files)
			}
		})
	}
}

func TestParseCount(t *testing.T) {
	cases := []struct {
		in   string
		want uint64
		err  numErr
	}{
		{"0", 0, numOK}, {"12", 12, numOK}, {" +7", 7, numOK}, {"b", 512, numOK}, {"3b", 1536, numOK},
		{"1k", 1024, numOK}, {"1kB", 1000, numOK}, {"1KiB", 1024, numOK}, {"2MB", 2000000, numOK},
		{"1MD", 1000000, numOK}, {"1G", 1 << 30, numOK}, {"15E", 15 << 60, numOK}, {"K", 1024, numOK},
		{"18446744073709551615", math.MaxUint64, numOK},
		{"18446744073709551616", 0, numOverflow}, {"16E", 0, numOverflow}, {"1Z", 0, numOverflow},
		{"", 0, numInvalid}, {"-1", 0, numInvalid}, {" -1", 0, numInvalid}, {"1x", 0, numInvalid},
		{"1bB", 0, numInvalid}, {"1Ki", 0, numInvalid}, {"1g", 0, numInvalid}, {"0x10", 0, numInvalid},
		{"+K", 0, numInvalid}, {" K", 0, numInvalid}, {"1Yx", 0, numInvalid}, {"99999999999999999999x", 0, numInvalid},
	}
	for _, tc := range cases {
		t.Run(tc.in, func(t *testing.T) {
			got, err := parseCount(tc.in)
			assert.Equal(t, tc.err, err)
			if err == numOK {
				assert.Equal(t, tc.want, got)
			}
		})
	}
}

// gnuHead runs /usr/bin/head in dir with LC_ALL=locale and returns its
// stdout, stderr and status.
func gnuHead(t *testing.T, dir, locale string, stdin []byte, args ...string) (string, string, int) {
	t.Helper()
	if _, err := os.Stat("/usr/bin/head"); err != nil {
		t.Skip("GNU head is needed as the reference")
	}
	cmd := exec.Command("/usr/bin/head", args...)
	cmd.Args[0] = "head"
	cmd.Dir = dir
	cmd.Env = []string{"LC_ALL=" + locale}
	cmd.Stdin = bytes.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	_ = cmd.Run()
	return out.String(), errb.String(), cmd.ProcessState.ExitCode()
}

// TestMessagesMatchGNU compares parse errors, counts and both quoting
// styles with GNU head's messages, in the C and a UTF-8 locale.
func TestMessagesMatchGNU(t *testing.T) {
	dir := t.TempDir()
	words := []string{"5x", "", " 2", "-2", "a'b", "a\"b\\c", "tab\there", "nl\nx", "\x01\x7f", "é", "\x80z", "\xe2\x80",
		"’", "it's", "it's $x", "#a'", "a#'", "{'", "'{", "~'", "a'\x01", "\x01'a", "é'", "'", "a b", "1Yx", "16E",
		"99999999999999999999", "1bB", "K", "+K", "1MiB",
		"\u00a0", "\u00ad", "\u200b", "\u2028", "\u0085", "\ue000", "\ufdd0", "\U0010ffff", "\U000e0001", "a\u2019b"}
	argvs := [][]string{{"--v"}, {"-n"}, {"--lines"}, {"--quiet=2"}, {"-3x"}, {"-n", "1", "-4"}, {"-q7"},
		{"-99999999999999999999"}, {"-99999999999999999999c"}, {"-9999999999999999999k"}, {"-c", "-8E"}, {"-c", "--1"}, {"--by=-x"}}
	for _, w := range words {
		argvs = append(argvs, []string{"-n", w}, []string{"-c", w}, []string{"--", w}, []string{"-c", "-" + w})
	}
	for _, locale := range []string{"C", "C.UTF-8"} {
		for _, args := range argvs {
			t.Run(locale+" "+strconv.Quote(strings.Join(args, " ")), func(t *testing.T) {
				_, wantErr, wantSt := gnuHead(t, dir, locale, nil, args...)
				utf8 := locale != "C"
				_, files, uns, err := ParseArgs(args, utf8)
				require.Empty(t, uns)
				var got string
				switch {
				case err != nil:
					got = "head: " + err.Error() + "\n"
					if ue := err.(*UsageError); ue.Try {
						got += TryLine + "\n"
					}
				case len(files) == 1:
					got = "head: cannot open " + QuoteFile(files[0], utf8) + " for reading: No such file or directory\n"
				}
				assert.Equal(t, wantErr, got)
				assert.Equal(t, wantSt == 0, got == "")
			})
		}
	}
}

// randomLines makes input rich in delimiters, with or without a final
// one.
func randomLines(r *rand.Rand, n int, delim byte) []byte {
	b := make([]byte, n)
	for i := range b {
		switch r.IntN(5) {
		case 0:
			b[i] = delim
		case 1:
			b[i] = byte(r.IntN(256))
		default:
			b[i] = 'a' + byte(r.IntN(3))
		}
	}
	return b
}

// TestElideAgainstGNU feeds random inputs through the Elider (in random
// pieces) and through LineCut, and compares with GNU head -n -N / -c -N
// reading a pipe.
func TestElideAgainstGNU(t *testing.T) {
	dir := t.TempDir()
	r := rand.New(rand.NewPCG(4, 2))
	for round := 0; round < 60; round++ {
		size := r.IntN(3) * r.IntN(9000)
		delim := byte('\n')
		z := round%4 == 3
		if z {
			delim = 0
		}
		in := randomLines(r, size, delim)
		n := uint64(r.IntN(6))
		if round%5 == 0 {
			n = uint64(r.IntN(3000))
		}
		lines := round%3 != 0
		args := []string{"-c", "-" + strconv.FormatUint(n, 10)}
		if lines {
			args[0] = "-n"
		}
		if z {
			args = append(args, "-z")
		}
		t.Run(strings.Join(args, " ")+" size "+strconv.Itoa(size), func(t *testing.T) {
			want, _, st := gnuHead(t, dir, "C", in, args...)
			require.Equal(t, 0, st)
			var got bytes.Buffer
			el := NewElider(&got, lines, n, delim)
			for rest := in; len(rest) > 0; {
				k := 1 + r.IntN(len(rest))
				el.Write(rest[:k])
				rest = rest[k:]
			}
			require.NoError(t, el.Close())
			assert.Equal(t, want, got.String())
			assert.Equal(t, int64(len(want)), el.Written())
			if lines {
				path := filepath.Join(dir, "in")
				require.NoError(t, os.WriteFile(path, in, 0o600))
				f, err := os.Open(path)
				require.NoError(t, err)
				defer f.Close()
				cut, found, err := LineCut(f, 0, int64(len(in)), n, delim)
				require.NoError(t, err)
				if !found {
					cut = 0
				}
				assert.Equal(t, want, string(in[:cut]))
			}
		})
	}
}

func TestLinePrefix(t *testing.T) {
	cases := []struct {
		name  string
		block string
		n     uint64
		used  int
		left  uint64
	}{
		{"within", "a\nb\nc", 2, 4, 0},
		{"short", "a\nb", 3, 3, 2},
		{"none", "abc", 1, 3, 1},
		{"exact", "a\n", 1, 2, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			used, left := LinePrefix([]byte(tc.block), '\n', tc.n)
			assert.Equal(t, tc.used, used)
			assert.Equal(t, tc.left, left)
		})
	}
}

func TestElideWriteError(t *testing.T) {
	el := NewElider(failWriter{}, false, 1, '\n')
	el.Write([]byte("abc"))
	_, err := el.Write([]byte("def"))
	assert.ErrorIs(t, err, io.ErrClosedPipe)
	assert.ErrorIs(t, el.Close(), io.ErrClosedPipe)
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, io.ErrClosedPipe }
