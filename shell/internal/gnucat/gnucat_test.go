package gnucat

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseArgs(t *testing.T) {
	cases := []struct {
		name        string
		args        []string
		opt         Options
		files       []string
		unsupported string
		err         string
	}{
		{"none", nil, Options{}, nil, "", ""},
		{"files", []string{"a", "-", "b"}, Options{}, []string{"a", "-", "b"}, "", ""},
		{"A", []string{"-A"}, Options{ShowNonPrinting: true, ShowEnds: true, ShowTabs: true}, nil, "", ""},
		{"e t", []string{"-e", "-t"}, Options{ShowNonPrinting: true, ShowEnds: true, ShowTabs: true}, nil, "", ""},
		{"combined", []string{"-nsu"}, Options{Number: true, SqueezeBlank: true}, nil, "", ""},
		{"b", []string{"-b"}, Options{Number: true, NumberNonBlank: true}, nil, "", ""},
		{"permuted", []string{"f", "-E", "g"}, Options{ShowEnds: true}, []string{"f", "g"}, "", ""},
		{"double dash", []string{"-v", "--", "-n", "--"}, Options{ShowNonPrinting: true}, []string{"-n", "--"}, "", ""},
		{"long", []string{"--show-all", "--number-nonblank"},
			Options{ShowNonPrinting: true, ShowEnds: true, ShowTabs: true, Number: true, NumberNonBlank: true}, nil, "", ""},
		{"long rest", []string{"--show-ends", "--number", "--squeeze-blank", "--show-tabs", "--show-nonprinting"},
			Options{ShowEnds: true, Number: true, SqueezeBlank: true, ShowTabs: true, ShowNonPrinting: true}, nil, "", ""},
		{"abbreviated", []string{"--show-a", "--sq", "--number-n"},
			Options{ShowNonPrinting: true, ShowEnds: true, ShowTabs: true, SqueezeBlank: true, Number: true, NumberNonBlank: true}, nil, "", ""},
		{"unknown short", []string{"-n", "-x", "f"}, Options{Number: true}, nil, "-x", ""},
		{"unknown in cluster", []string{"-nx"}, Options{Number: true}, nil, "-nx", ""},
		{"unknown long", []string{"--u"}, Options{}, nil, "--u", ""},
		{"help", []string{"--help"}, Options{}, nil, "--help", ""},
		{"version abbrev", []string{"--ver"}, Options{}, nil, "--ver", ""},
		{"ambiguous", []string{"--num"}, Options{}, nil, "",
			"option '--num' is ambiguous; possibilities: '--number-nonblank' '--number'"},
		{"ambiguous s", []string{"--s"}, Options{}, nil, "",
			"option '--s' is ambiguous; possibilities: '--squeeze-blank' '--show-nonprinting' '--show-ends' '--show-tabs' '--show-all'"},
		{"argument", []string{"--number=3"}, Options{}, nil, "", "option '--number' doesn't allow an argument"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			opt, files, uns, err := ParseArgs(tc.args)
			if tc.err != "" {
				require.Error(t, err)
				assert.Equal(t, tc.err, err.Error())
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.opt, opt)
			assert.Equal(t, tc.files, files)
			assert.Equal(t, tc.unsupported, uns)
		})
	}
}

// TestParseArgsErrorsMatchGNU compares the UsageError text with the first
// line GNU cat prints.
func TestParseArgsErrorsMatchGNU(t *testing.T) {
	for _, a := range []string{"--num", "--s", "--show", "--number=1", "--show-a=x", "--n"} {
		t.Run(a, func(t *testing.T) {
			out, err := exec.Command("cat", a).CombinedOutput()
			require.Error(t, err)
			_, _, _, perr := ParseArgs([]string{a})
			require.Error(t, perr)
			assert.Equal(t, "cat: "+perr.Error(), strings.SplitN(string(out), "\n", 2)[0])
		})
	}
}

// flagSets are the option combinations compared against GNU cat.
var flagSets = [][]string{
	{"-n"}, {"-b"}, {"-s"}, {"-E"}, {"-T"}, {"-v"}, {"-A"}, {"-e"}, {"-t"},
	{"-ns"}, {"-bs"}, {"-nE"}, {"-sE"}, {"-bE"}, {"-vE"}, {"-ET"}, {"-nbsA"},
	{"-sv"}, {"-nT"}, {"-bsE"},
}

// randomInput makes content rich in newlines, CRs, tabs and high bytes.
func randomInput(r *rand.Rand) []byte {
	n := r.Intn(200)
	b := make([]byte, n)
	for i := range b {
		switch r.Intn(8) {
		case 0, 1:
			b[i] = '\n'
		case 2:
			b[i] = '\r'
		case 3:
			b[i] = '\t'
		case 4:
			b[i] = byte(r.Intn(256))
		default:
			b[i] = byte('a' + r.Intn(3))
		}
	}
	return b
}

// TestAgainstGNUCat runs /usr/bin/cat and the Formatter on the same
// random multi-file inputs, feeding the Formatter in random chunks.
func TestAgainstGNUCat(t *testing.T) {
	catPath, err := exec.LookPath("cat")
	require.NoError(t, err)
	dir := t.TempDir()
	r := rand.New(rand.NewSource(1))
	for round := 0; round < 60; round++ {
		nfiles := 1 + r.Intn(3)
		var names []string
		var contents [][]byte
		for i := 0; i < nfiles; i++ {
			c := randomInput(r)
			name := filepath.Join(dir, fmt.Sprintf("f%d_%d", round, i))
			require.NoError(t, os.WriteFile(name, c, 0o600))
			names = append(names, name)
			contents = append(contents, c)
		}
		for _, flags := range flagSets {
			t.Run(fmt.Sprintf("%d%s", round, strings.Join(flags, "")), func(t *testing.T) {
				want, err := exec.Command(catPath, append(append([]string{}, flags...), names...)...).Output()
				require.NoError(t, err)
				opt, files, uns, err := ParseArgs(append(append([]string{}, flags...), names...))
				require.NoError(t, err)
				require.Empty(t, uns)
				require.Equal(t, names, files)
				var got bytes.Buffer
				f := NewFormatter(&got, opt)
				for _, c := range contents {
					for len(c) > 0 {
						k := 1 + r.Intn(len(c))
						_, err := f.Write(c[:k])
						require.NoError(t, err)
						c = c[k:]
					}
				}
				require.NoError(t, f.Flush())
				assert.Equal(t, string(want), got.String())
			})
		}
	}
}

func TestFormatterTable(t *testing.T) {
	cases := []struct {
		name string
		opt  Options
		in   []string
		want string
		// suffix: want is only the end of the output.
		suffix bool
	}{
		{"plain", Options{}, []string{"a\x01\n"}, "a\x01\n", false},
		{"number continues across files", Options{Number: true}, []string{"a\nb", "c\n"}, "     1\ta\n     2\tbc\n", false},
		{"squeeze across files", Options{SqueezeBlank: true}, []string{"a\n\n", "\n\nb\n"}, "a\n\nb\n", false},
		{"leading blanks squeezed", Options{SqueezeBlank: true, Number: true}, []string{"\n\n\nx"}, "     1\t\n     2\tx", false},
		{"nonblank", Options{NumberNonBlank: true, ShowEnds: true}, []string{"a\n\nb\n"}, "     1\ta$\n$\n     2\tb$\n", false},
		{"crlf with E", Options{ShowEnds: true}, []string{"a\r", "\nb\r"}, "a^M$\nb\r", false},
		{"nonprinting", Options{ShowNonPrinting: true}, []string{"\x00\x7f\x80\x89\xff\t"}, "^@^?M-^@M-^IM-^?\t", false},
		{"tabs", Options{ShowTabs: true}, []string{"\t\xff"}, "^I\xff", false},
		{"wide numbers", Options{Number: true}, []string{strings.Repeat("\n", 1000001)}, "\n999999\t\n1000000\t\n1000001\t\n", true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var got bytes.Buffer
			f := NewFormatter(&got, tc.opt)
			for _, s := range tc.in {
				n, err := f.ReadFrom(strings.NewReader(s))
				require.NoError(t, err)
				assert.Equal(t, int64(len(s)), n)
			}
			require.NoError(t, f.Flush())
			if tc.suffix {
				assert.True(t, strings.HasSuffix(got.String(), tc.want))
				return
			}
			assert.Equal(t, tc.want, got.String())
		})
	}
}

func BenchmarkFormatter(b *testing.B) {
	in := bytes.Repeat([]byte("hello\tworld\x01\xc3\xa9\n\n"), 4096)
	f := NewFormatter(io.Discard, Options{Number: true, ShowNonPrinting: true, ShowEnds: true})
	b.SetBytes(int64(len(in)))
	for i := 0; i < b.N; i++ {
		_, _ = f.Write(in)
	}
}

// TestFormatterWriteError checks that a failing writer's error comes back
// from Write, ReadFrom and Flush, formatted or plain.
func TestFormatterWriteError(t *testing.T) {
	broken := errors.New("broken pipe")
	for _, opt := range []Options{{}, {Number: true}, {ShowEnds: true}} {
		f := NewFormatter(failWriter{broken}, opt)
		n, err := f.Write([]byte("a\n"))
		assert.ErrorIs(t, err, broken, "%+v", opt)
		assert.Equal(t, 0, n)
		_, err = f.ReadFrom(strings.NewReader("b\n"))
		assert.ErrorIs(t, err, broken, "%+v", opt)
	}
	f := NewFormatter(failWriter{broken}, Options{ShowEnds: true})
	n, err := f.Write([]byte("\r"))
	require.NoError(t, err, "a held back CR writes nothing yet")
	assert.Equal(t, 1, n)
	assert.ErrorIs(t, f.Flush(), broken)
}

type failWriter struct{ err error }

func (w failWriter) Write([]byte) (int, error) { return 0, w.err }
