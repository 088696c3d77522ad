//go:build linux

package fdtable

import "golang.org/x/sys/unix"

// tcpStateNames are the kernel's TCP states (include/net/tcp_states.h),
// indexed by tcp_info.tcpi_state, spelled as lsof and netstat spell them.
var tcpStateNames = [...]string{
	1: "ESTABLISHED", 2: "SYN_SENT", 3: "SYN_RECV", 4: "FIN_WAIT1",
	5: "FIN_WAIT2", 6: "TIME_WAIT", 7: "CLOSE", 8: "CLOSE_WAIT",
	9: "LAST_ACK", 10: "LISTEN", 11: "CLOSING",
}

// tcpState asks the kernel for the TCP state of socket fd (TCP_INFO); ""
// when fd is not a TCP socket.
func tcpState(fd int) string {
	ti, err := unix.GetsockoptTCPInfo(fd, unix.IPPROTO_TCP, unix.TCP_INFO)
	if err != nil || int(ti.State) >= len(tcpStateNames) {
		return ""
	}
	return tcpStateNames[ti.State]
}
