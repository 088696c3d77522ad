//go:build darwin || freebsd || netbsd || openbsd || dragonfly

package fdtable

// tcpState would ask the kernel for the TCP state of socket fd; it is
// only implemented on Linux and returns "" here.
func tcpState(fd int) string { return "" }
