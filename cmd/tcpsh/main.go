// Command tcpsh is a bash-compatible shell whose file descriptors can be
// network sockets. See README.md.
package main

import (
	"os"
)

// startProfile, when set (by profile_pprof.go, built with -tags pprof),
// starts the profiles asked for in the environment and returns the
// function that writes them.
var startProfile func() func()

func main() {
	stop := func() {}
	if startProfile != nil {
		stop = startProfile()
	}
	code := run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
