// Package bashtest runs /bin/bash for the differential tests of the
// shell's internal packages, which compare their results with what bash
// 5.2 does. It is imported only by tests.
package bashtest

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
)

// Path is the bash the tests compare with.
const Path = "/bin/bash"

// Result is what one bash run produced.
type Result struct {
	Stdout string // standard output
	Stderr string // standard error
	Status int    // exit status
}

// Locale returns the LC_ALL setting for a UTF-8 (C.UTF-8) or C locale.
func Locale(utf8 bool) string {
	if utf8 {
		return "LC_ALL=C.UTF-8"
	}
	return "LC_ALL=C"
}

// Run runs `bash -c script bash args...` with env added to the test
// process's environment. A non-zero exit status is not an error; err
// reports only that bash could not be run.
func Run(script string, args []string, env ...string) (Result, error) {
	cmd := exec.Command(Path, append([]string{"-c", script, "bash"}, args...)...)
	cmd.Env = append(os.Environ(), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	res := Result{Stdout: stdout.String(), Stderr: stderr.String()}
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		res.Status = ee.ExitCode()
		err = nil
	}
	return res, err
}

// Output is Run for a script that must succeed: it returns the standard
// output, and an error when bash could not be run or exited non-zero.
func Output(script string, args []string, env ...string) (string, error) {
	res, err := Run(script, args, env...)
	if err == nil && res.Status != 0 {
		err = fmt.Errorf("bash %q %q: exit status %d: %s", script, args, res.Status, res.Stderr)
	}
	return res.Stdout, err
}

// workers is how many bash processes Parallel keeps running.
const workers = 8

// Parallel calls run(i) for every i in [0, n) on a few goroutines, so
// that many bash processes run at once, and fails t if any call
// returned an error.
func Parallel(t testing.TB, n int, run func(i int) error) {
	t.Helper()
	errs := make([]error, n)
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				errs[i] = run(i)
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	require.NoError(t, errors.Join(errs...))
}
