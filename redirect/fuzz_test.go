package redirect

import (
	"errors"
	"strconv"
	"strings"
	"testing"
)

// FuzzParsePath checks that ParsePath never panics, keeps the path as
// written, and returns targets whose fields agree with the path: a network
// target's host and port rebuild the path, a dup target names a valid
// descriptor, and only a numeric port above 65535 is an error.
func FuzzParsePath(f *testing.F) {
	for _, s := range []string{
		"/dev/tcp/127.0.0.1/80", "/dev/udp/[::1]/53", "/dev/tcp//", "/dev/tcp/h",
		"/dev/tcp/h/65536", "/dev/tcp/h/ +1", "/dev/fd/0", "/dev/fd/01",
		"/dev/fd/99999999999", "/dev/stdin", "/dev/stdout/", "", "file",
		"/dev/tcp/[fe80::1%lo]/x/y", "/dev/tcp/[/]/", "/dev/udp/\x00/\xff",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, path string) {
		tg, err := ParsePath(path)
		if tg.Path != path {
			t.Fatalf("Path = %q, want %q", tg.Path, path)
		}
		if err != nil {
			if !errors.Is(err, ErrInvalidPort) || !tg.Kind.IsNetwork() {
				t.Fatalf("unexpected error %v for %q (kind %v)", err, path, tg.Kind)
			}
		}
		switch {
		case tg.Kind.IsNetwork():
			prefix := tcpPrefix
			if tg.Kind == UDP {
				prefix = udpPrefix
			}
			host := tg.Host
			if strings.Contains(host, ":") && !strings.HasPrefix(path, prefix+host+"/") {
				host = "[" + host + "]"
			}
			if rebuilt := prefix + host + "/" + tg.Port; rebuilt != path {
				t.Fatalf("host %q port %q rebuild %q, want %q", tg.Host, tg.Port, rebuilt, path)
			}
			if strings.Contains(tg.Host, "/") {
				t.Fatalf("host %q contains a slash", tg.Host)
			}
		case tg.Kind.IsDup():
			if tg.FD < 0 || tg.FD > maxFD {
				t.Fatalf("FD %d out of range for %q", tg.FD, path)
			}
			if tg.Kind == FD && path != fdPrefix+strconv.Itoa(tg.FD) {
				t.Fatalf("FD %d does not rebuild %q", tg.FD, path)
			}
		case tg.Kind == NotSpecial:
			if tg.Host != "" || tg.Port != "" || tg.FD != 0 {
				t.Fatalf("ordinary path %q has fields %+v", path, tg)
			}
		}
	})
}
