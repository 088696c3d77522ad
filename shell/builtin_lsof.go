package shell

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"net/netip"
	"os"
	"os/user"
	"strconv"
	"strings"
	"time"

	"tcpsh/fdtable"
)

// The lsof builtin answers `lsof -p $$` (alone, or ANDed by -a with -i
// selections; output options -n, -P, -t) from the session's fd table, in
// the real lsof's columns, so that fd 8 is called 8 as in the script.
// Every other query (other pids, system-wide ones, selections that the
// real lsof ORs with -p, options it does not know) runs the real lsof
// from PATH with the same arguments.

// lsofQuery is what the builtin understands of an lsof command line.
type lsofQuery struct {
	pids    []string // -p values, split at commas
	and     bool     // -a: AND the selections
	inet    []string // -i values ("" for a bare -i)
	noHost  bool     // -n
	noPort  bool     // -P
	terse   bool     // -t
	specs   []inetSpec
	hosts   map[netip.Addr]string
	service map[string]string
}

// parseLsofArgs reads the options the builtin answers itself; ok is false
// for anything else (file operands, +options, other letters).
func parseLsofArgs(args []string) (q lsofQuery, ok bool) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if len(a) < 2 || a[0] != '-' || a == "--" {
			return q, false
		}
		flags := a[1:]
		for j := 0; j < len(flags); j++ {
			switch flags[j] {
			case 'a':
				q.and = true
			case 'n':
				q.noHost = true
			case 'P':
				q.noPort = true
			case 't':
				q.terse = true
			case 'p':
				v := flags[j+1:]
				if v == "" {
					if i+1 == len(args) {
						return q, false
					}
					i++
					v = args[i]
				}
				q.pids = append(q.pids, strings.Split(v, ",")...)
				j = len(flags)
			case 'i':
				// The address is optional: the rest of this argument, or
				// the next one unless it is an option.
				v := flags[j+1:]
				if v == "" && i+1 < len(args) && args[i+1] != "" && !strings.ContainsAny(args[i+1][:1], "-+") {
					i++
					v = args[i]
				}
				q.inet = append(q.inet, v)
				j = len(flags)
			default:
				return q, false
			}
		}
	}
	return q, true
}

// onlyPid reports whether the query is about process pid alone: every -p
// value is pid, and the -i selections (if any) are ANDed with it.
func (q *lsofQuery) onlyPid(pid int) bool {
	if len(q.pids) == 0 || len(q.inet) > 0 && !q.and {
		return false
	}
	for _, p := range q.pids {
		if n, err := strconv.Atoi(p); err != nil || n != pid {
			return false
		}
	}
	return true
}

func bLsof(ctx context.Context, c *Call) int {
	q, ok := parseLsofArgs(c.Args)
	if ok && q.onlyPid(c.r.sess.pid) {
		for _, s := range q.inet {
			spec, err := parseInetSpec(ctx, s)
			if err != nil {
				ok = false // let the real lsof word the error
				break
			}
			q.specs = append(q.specs, spec)
		}
		if ok {
			return lsofLocal(c, &q)
		}
	}
	if c.r.sess.noExternal {
		c.Errorf("only `lsof -p $$` is answered by tcpsh; running the real lsof is disabled")
		return 127
	}
	if _, err := c.r.lookPath("lsof"); err != nil {
		c.Errorf("the real lsof is not installed (tcpsh itself answers only `lsof -p $$`, optionally with -a -i, -n, -P, -t)")
		return 127
	}
	return c.r.external(ctx, append([]string{"lsof"}, c.Args...))
}

// lsofLocal lists the session's own files.
func lsofLocal(c *Call, q *lsofQuery) int {
	// The name tables are read only for the columns that show names.
	if !q.noHost {
		q.hosts = readHosts("/etc/hosts")
	}
	if !q.noPort {
		q.service = readServices("/etc/services")
	}
	var rows [][]string
	if len(q.inet) == 0 {
		for _, p := range []struct{ fd, path string }{{"cwd", c.r.dir}, {"rtd", "/"}, {"txt", executable()}} {
			if row, ok := lsofPathRow(p.fd, p.path); ok {
				rows = append(rows, row)
			}
		}
	}
	for _, fr := range fdRows(c.r.fds, true) {
		if len(q.inet) > 0 && !q.selects(fr.info) {
			continue
		}
		rows = append(rows, q.fdRow(&fr))
	}
	if len(rows) == 0 {
		return 1
	}
	pid := strconv.Itoa(c.r.sess.pid)
	if q.terse {
		fmt.Fprintln(c, pid)
		return 0
	}
	tab := &textTable{gap: 1}
	tab.header("COMMAND", ">PID", ">USER", "  FD  ", ">TYPE", ">DEVICE", ">SIZE/OFF", ">NODE", "NAME")
	me := userName()
	for _, r := range rows {
		tab.row(append([]string{"tcpsh", pid, me}, r...)...)
	}
	tab.write(c)
	return 0
}

// lsofFD is lsof's FD cell: the number right-aligned in 4 columns (longer
// ones keep their last 3 digits after "*"), the access mode and a blank
// lock character.
func lsofFD(fd string, mode byte) string {
	if len(fd) > 4 {
		fd = "*" + fd[len(fd)-3:]
	}
	return fmt.Sprintf("%4s%c ", fd, mode)
}

// lsofPathRow is the row of cwd, rtd or txt.
func lsofPathRow(fd, path string) ([]string, bool) {
	if path == "" {
		return nil, false
	}
	fi, err := os.Stat(path)
	if err != nil {
		return nil, false
	}
	dev, ino := statIDs(fi)
	typ := "REG"
	if fi.IsDir() {
		typ = "DIR"
	}
	return []string{lsofFD(fd, ' '), typ, devString(dev), strconv.FormatInt(fi.Size(), 10), strconv.FormatUint(ino, 10), path}, true
}

// fdRow is the FD..NAME cells of one fd.
func (q *lsofQuery) fdRow(fr *fdRow) []string {
	in := fr.info
	mode := byte('r')
	switch in.Mode {
	case fdtable.Write:
		mode = 'w'
	case fdtable.Read | fdtable.Write:
		mode = 'u'
	}
	off := "0t0"
	if in.Offset >= 0 {
		off = "0t" + strconv.FormatInt(in.Offset, 10)
	}
	inode := strconv.FormatUint(in.Inode, 10)
	name := fr.object
	if !strings.HasPrefix(name, "/") {
		name = in.Path
	}
	typ, device, size, node := "unknown", devString(in.Dev), off, inode
	switch in.Kind {
	case fdtable.KindTTY, fdtable.KindNull:
		typ, device = "CHR", devString(in.Rdev)
	case fdtable.KindFile:
		typ, size = "REG", strconv.FormatInt(in.Size, 10)
	case fdtable.KindPipe:
		typ = "FIFO"
		if isAnonPipe(in.Path) {
			name = "pipe"
		}
	case fdtable.KindTCP, fdtable.KindUDP, fdtable.KindSocket, fdtable.KindListen, fdtable.KindBound:
		device, node = inode, "sock"
		if ap, err := netip.ParseAddrPort(in.Local); err == nil {
			typ, node = "IPv4", lsofProto(in)
			if ap.Addr().Is6() && !ap.Addr().Is4In6() {
				typ = "IPv6"
			}
			name = q.inetName(fr)
		} else {
			typ, device = "unix", "-"
			if name = in.Local; name == "" {
				name = fr.object
			}
		}
	default:
		if fi, err := os.Stat(in.Path); err == nil {
			switch {
			case fi.IsDir():
				typ = "DIR"
			case fi.Mode()&os.ModeCharDevice != 0:
				typ, device = "CHR", devString(in.Rdev)
			case fi.Mode()&os.ModeDevice != 0:
				typ, device = "BLK", devString(in.Rdev)
			}
		}
	}
	return []string{lsofFD(strconv.Itoa(fr.fd), mode), typ, device, size, node, name}
}

// lsofProto is the NODE column of an internet socket.
func lsofProto(in fdtable.Info) string {
	if in.Kind == fdtable.KindTCP || in.Kind == fdtable.KindListen || in.TCPState != "" {
		return "TCP"
	}
	return "UDP"
}

// inetName is lsof's NAME of an internet socket:
// "localhost:59946->localhost:http (ESTABLISHED)".
func (q *lsofQuery) inetName(fr *fdRow) string {
	in := fr.info
	proto := lsofProto(in)
	s := q.endpoint(in.Local, proto)
	if in.Remote != "" && in.Kind != fdtable.KindBound { // an unconnected UDP socket has no peer
		s += "->" + q.endpoint(in.Remote, proto)
	}
	if proto == "TCP" {
		st := in.TCPState
		if st == "" {
			st = fr.state()
		}
		if st != "" {
			s += " (" + st + ")"
		}
	}
	if n := tlsNote(in); n != "" { // tls.go
		s += " " + n
	}
	return s
}

// endpoint prints one address as lsof does: host names from /etc/hosts
// unless -n, service names from /etc/services unless -P, "*" for a
// wildcard address or port.
func (q *lsofQuery) endpoint(addr, proto string) string {
	ap, err := netip.ParseAddrPort(addr)
	if err != nil {
		return addr
	}
	a := ap.Addr().Unmap()
	host := a.String()
	switch {
	case a.IsUnspecified():
		host = "*"
	case !q.noHost && q.hosts[a] != "":
		host = q.hosts[a]
	case a.Is6():
		host = "[" + host + "]"
	}
	port := strconv.Itoa(int(ap.Port()))
	switch {
	case ap.Port() == 0:
		port = "*"
	case !q.noPort && q.service[port+"/"+strings.ToLower(proto)] != "":
		port = q.service[port+"/"+strings.ToLower(proto)]
	}
	return host + ":" + port
}

// readHosts maps addresses to their first name in a hosts(5) file, as
// gethostbyaddr finds them there.
func readHosts(path string) map[netip.Addr]string {
	m := map[netip.Addr]string{}
	eachLine(path, func(f []string) {
		if len(f) < 2 {
			return
		}
		a, err := netip.ParseAddr(f[0])
		if err != nil {
			return
		}
		if a = a.Unmap().WithZone(""); m[a] == "" {
			m[a] = f[1]
		}
	})
	return m
}

// readServices maps "port/proto" to the first service name in a
// services(5) file.
func readServices(path string) map[string]string {
	m := map[string]string{}
	eachLine(path, func(f []string) {
		if len(f) >= 2 && m[f[1]] == "" {
			m[f[1]] = f[0]
		}
	})
	return m
}

// eachLine calls fn with the fields of each line of a configuration file,
// comments removed; a missing file has no lines.
func eachLine(path string, fn func([]string)) {
	f, err := os.Open(path)
	if err != nil {
		return
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line, _, _ := strings.Cut(sc.Text(), "#")
		if fields := strings.Fields(line); len(fields) > 0 {
			fn(fields)
		}
	}
}

func userName() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	return strconv.Itoa(os.Getuid())
}

func executable() string {
	p, err := os.Executable()
	if err != nil {
		return ""
	}
	return p
}

// inetSpec is one -i address: [46][protocol][@host][:port,...].
type inetSpec struct {
	family int    // 0 (any), 4 or 6
	proto  string // "", "TCP" or "UDP"
	addrs  []netip.Addr
	ports  [][2]int // inclusive ranges; none: any port
}

// parseInetSpec parses an -i address; host names are resolved (bounded
// in time), service names looked up locally.
func parseInetSpec(ctx context.Context, s string) (inetSpec, error) {
	var sp inetSpec
	bad := fmt.Errorf("unsupported -i address %q", s)
	if s != "" && (s[0] == '4' || s[0] == '6') {
		sp.family = int(s[0] - '0')
		s = s[1:]
	}
	end := strings.IndexAny(s, "@:")
	if end < 0 {
		end = len(s)
	}
	switch p := strings.ToUpper(s[:end]); p {
	case "", "TCP", "UDP":
		sp.proto = p
	default:
		return sp, bad
	}
	s = s[end:]
	if strings.HasPrefix(s, "@") {
		s = s[1:]
		var host string
		if strings.HasPrefix(s, "[") {
			i := strings.Index(s, "]")
			if i < 0 {
				return sp, bad
			}
			host, s = s[1:i], s[i+1:]
		} else {
			var rest string
			var hasPort bool
			host, rest, hasPort = strings.Cut(s, ":")
			if s = ""; hasPort {
				s = ":" + rest
			}
		}
		if host == "" {
			return sp, bad
		}
		if a, err := netip.ParseAddr(host); err == nil {
			sp.addrs = []netip.Addr{a.Unmap()}
		} else {
			lctx, cancel := context.WithTimeout(ctx, 5*time.Second)
			addrs, err := net.DefaultResolver.LookupNetIP(lctx, "ip", host)
			cancel()
			if err != nil {
				return sp, err
			}
			for _, a := range addrs {
				sp.addrs = append(sp.addrs, a.Unmap())
			}
		}
	}
	if s == "" {
		return sp, nil
	}
	if s[0] != ':' || len(s) == 1 {
		return sp, bad
	}
	for _, item := range strings.Split(s[1:], ",") {
		lo, hi, isRange := strings.Cut(item, "-")
		a, err := portNumber(ctx, lo, sp.proto)
		if err != nil {
			return sp, err
		}
		b := a
		if isRange {
			if b, err = portNumber(ctx, hi, sp.proto); err != nil || b < a {
				return sp, bad
			}
		}
		sp.ports = append(sp.ports, [2]int{a, b})
	}
	return sp, nil
}

// portNumber reads a port number or a service name (looked up locally).
func portNumber(ctx context.Context, s, proto string) (int, error) {
	network := "tcp"
	if proto == "UDP" {
		network = "udp"
	}
	return listenPort(ctx, network, s) // builtin_listen.go
}

// selects reports whether any -i address matches the channel.
func (q *lsofQuery) selects(in fdtable.Info) bool {
	if !isSocketKind(in.Kind) {
		return false
	}
	local, err := netip.ParseAddrPort(in.Local)
	if err != nil {
		return false // not an internet socket
	}
	remote, _ := netip.ParseAddrPort(in.Remote)
	if in.Kind == fdtable.KindBound {
		remote = netip.AddrPort{} // the last sender is no peer to lsof
	}
	for _, sp := range q.specs {
		if sp.matches(lsofProto(in), local, remote) {
			return true
		}
	}
	return false
}

func (sp *inetSpec) matches(proto string, local, remote netip.AddrPort) bool {
	a := local.Addr().Unmap()
	switch {
	case sp.family == 4 && !a.Is4(), sp.family == 6 && a.Is4():
		return false
	case sp.proto != "" && sp.proto != proto:
		return false
	}
	return sp.side(local) || remote.IsValid() && sp.side(remote)
}

// side reports whether one end matches the host and port parts.
func (sp *inetSpec) side(ap netip.AddrPort) bool {
	if len(sp.addrs) > 0 {
		found := false
		for _, a := range sp.addrs {
			found = found || a == ap.Addr().Unmap()
		}
		if !found {
			return false
		}
	}
	if len(sp.ports) == 0 {
		return true
	}
	p := int(ap.Port())
	for _, r := range sp.ports {
		if p >= r[0] && p <= r[1] {
			return true
		}
	}
	return false
}
