// Command tcpsh is a bash-compatible shell whose file descriptors can be
// network sockets. See README.md.
package main

import (
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
