package shell

import (
	"context"
	"os"
	"testing"
)

// benchRunner is a session whose stdin, stdout and stderr are /dev/null.
func benchRunner(b *testing.B) *Runner {
	b.Helper()
	var files []*os.File
	for _, flag := range []int{os.O_RDONLY, os.O_WRONLY, os.O_WRONLY} {
		f, err := os.OpenFile(os.DevNull, flag, 0)
		if err != nil {
			b.Fatal(err)
		}
		files = append(files, f)
	}
	r, err := New(Stdio(files[0], files[1], files[2]))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() {
		r.Close()
		for _, f := range files {
			f.Close()
		}
	})
	return r
}

// BenchmarkInterpreter runs small programs of 1000 rounds in one session:
// the interpreter loop and the builtins that W5 of scripts/bench times.
func BenchmarkInterpreter(b *testing.B) {
	cases := []struct{ name, src string }{
		{"while [ ] arith", `i=0; while [ $i -lt 1000 ]; do i=$((i + 1)); done`},
		{"for (( ))", `for ((i = 0; i < 1000; i++)); do :; done`},
		{"echo >/dev/null", `for ((i = 0; i < 1000; i++)); do echo "hello world $i" >/dev/null; done`},
		{"printf", `for ((i = 0; i < 1000; i++)); do printf '%s %d\n' word "$i"; done`},
		{"string ops and case", `s=abcabc/path/to/file.tar.gz
for ((i = 0; i < 1000; i++)); do
	a=${s#*/} b=${s%.*} c=${#s} d=${s//a/b}
	case $s in *.tar.gz) ;; esac
done`},
		{"function calls", `f() { local x=$1; r=$x; }; for ((i = 0; i < 1000; i++)); do f "$i"; done`},
	}
	for _, tc := range cases {
		b.Run(tc.name, func(b *testing.B) {
			r := benchRunner(b)
			b.ReportAllocs()
			for b.Loop() {
				if st := r.RunString(context.Background(), tc.src); st != 0 {
					b.Fatalf("status %d", st)
				}
			}
		})
	}
}

// BenchmarkNew makes and closes a session: the part of start-up that is
// tcpsh's own (the rest is the Go runtime and package initialisation).
func BenchmarkNew(b *testing.B) {
	var files []*os.File
	for _, flag := range []int{os.O_RDONLY, os.O_WRONLY, os.O_WRONLY} {
		f, err := os.OpenFile(os.DevNull, flag, 0)
		if err != nil {
			b.Fatal(err)
		}
		defer f.Close()
		files = append(files, f)
	}
	b.ReportAllocs()
	for b.Loop() {
		r, err := New(Stdio(files[0], files[1], files[2]))
		if err != nil {
			b.Fatal(err)
		}
		r.RunString(context.Background(), "true")
		r.Close()
	}
}
