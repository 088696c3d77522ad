package redirect

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestParsePath(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		path    string
		want    Target
		wantErr string
	}{
		{name: "tcp ipv4", path: "/dev/tcp/127.0.0.1/80",
			want: Target{Kind: TCP, Host: "127.0.0.1", Port: "80"}},
		{name: "udp ipv4", path: "/dev/udp/127.0.0.1/53",
			want: Target{Kind: UDP, Host: "127.0.0.1", Port: "53"}},
		{name: "host name", path: "/dev/tcp/localhost/8080",
			want: Target{Kind: TCP, Host: "localhost", Port: "8080"}},
		{name: "ipv6 bare", path: "/dev/tcp/::1/22",
			want: Target{Kind: TCP, Host: "::1", Port: "22"}},
		{name: "ipv6 bracketed", path: "/dev/tcp/[::1]/22",
			want: Target{Kind: TCP, Host: "::1", Port: "22"}},
		{name: "ipv6 bracketed udp", path: "/dev/udp/[fe80::1%lo]/53",
			want: Target{Kind: UDP, Host: "fe80::1%lo", Port: "53"}},
		{name: "brackets around ipv4 kept", path: "/dev/tcp/[127.0.0.1]/1",
			want: Target{Kind: TCP, Host: "[127.0.0.1]", Port: "1"}},
		{name: "brackets around name kept", path: "/dev/tcp/[foo]/1",
			want: Target{Kind: TCP, Host: "[foo]", Port: "1"}},
		{name: "service name", path: "/dev/tcp/127.0.0.1/http",
			want: Target{Kind: TCP, Host: "127.0.0.1", Port: "http"}},
		{name: "unknown service parses", path: "/dev/tcp/127.0.0.1/abc",
			want: Target{Kind: TCP, Host: "127.0.0.1", Port: "abc"}},
		{name: "port with slash", path: "/dev/tcp/h/80/x",
			want: Target{Kind: TCP, Host: "h", Port: "80/x"}},
		{name: "trailing slash is empty port", path: "/dev/tcp/127.0.0.1/",
			want: Target{Kind: TCP, Host: "127.0.0.1", Port: ""}},
		{name: "port then trailing slash", path: "/dev/tcp/h/80/",
			want: Target{Kind: TCP, Host: "h", Port: "80/"}},
		{name: "empty host", path: "/dev/tcp//80",
			want: Target{Kind: TCP, Host: "", Port: "80"}},
		{name: "empty host and port", path: "/dev/tcp//",
			want: Target{Kind: TCP}},
		{name: "port 0", path: "/dev/tcp/h/0",
			want: Target{Kind: TCP, Host: "h", Port: "0"}},
		{name: "port 65535", path: "/dev/tcp/h/65535",
			want: Target{Kind: TCP, Host: "h", Port: "65535"}},
		{name: "port with leading zeros", path: "/dev/tcp/h/0080",
			want: Target{Kind: TCP, Host: "h", Port: "0080"}},
		{name: "port with plus sign", path: "/dev/tcp/h/+1",
			want: Target{Kind: TCP, Host: "h", Port: "+1"}},
		{name: "negative port is a bad service later", path: "/dev/tcp/h/-1",
			want: Target{Kind: TCP, Host: "h", Port: "-1"}},
		{name: "port 65536", path: "/dev/tcp/h/65536",
			want:    Target{Kind: TCP, Host: "h", Port: "65536"},
			wantErr: "/dev/tcp/h/65536: invalid port number"},
		{name: "port 70000 udp", path: "/dev/udp/h/70000",
			want:    Target{Kind: UDP, Host: "h", Port: "70000"},
			wantErr: "/dev/udp/h/70000: invalid port number"},
		{name: "huge port", path: "/dev/tcp/h/99999999999999999999999",
			want:    Target{Kind: TCP, Host: "h", Port: "99999999999999999999999"},
			wantErr: "/dev/tcp/h/99999999999999999999999: invalid port number"},
		{name: "huge port with space", path: "/dev/tcp/h/ 70000",
			want:    Target{Kind: TCP, Host: "h", Port: " 70000"},
			wantErr: "/dev/tcp/h/ 70000: invalid port number"},
		{name: "missing port", path: "/dev/tcp/127.0.0.1"},
		{name: "missing host and port", path: "/dev/tcp/"},
		{name: "udp missing port", path: "/dev/udp/h"},
		{name: "no trailing slash on prefix", path: "/dev/tcp"},
		{name: "upper case prefix", path: "/dev/TCP/127.0.0.1/1"},
		{name: "doubled slash before tcp", path: "/dev//tcp/h/1"},
		{name: "relative", path: "dev/tcp/h/1"},
		{name: "ordinary file", path: "/tmp/out.txt"},
		{name: "empty path", path: ""},
		{name: "stdin", path: "/dev/stdin", want: Target{Kind: Stdin, FD: 0}},
		{name: "stdout", path: "/dev/stdout", want: Target{Kind: Stdout, FD: 1}},
		{name: "stderr", path: "/dev/stderr", want: Target{Kind: Stderr, FD: 2}},
		{name: "stdout trailing slash", path: "/dev/stdout/"},
		{name: "fd 0", path: "/dev/fd/0", want: Target{Kind: FD, FD: 0}},
		{name: "fd 9", path: "/dev/fd/9", want: Target{Kind: FD, FD: 9}},
		{name: "fd 255", path: "/dev/fd/255", want: Target{Kind: FD, FD: 255}},
		{name: "fd max", path: "/dev/fd/2147483647", want: Target{Kind: FD, FD: 2147483647}},
		{name: "fd too big", path: "/dev/fd/2147483648"},
		{name: "fd leading zero", path: "/dev/fd/01"},
		{name: "fd junk", path: "/dev/fd/1x"},
		{name: "fd trailing slash", path: "/dev/fd/1/"},
		{name: "fd empty", path: "/dev/fd/"},
		{name: "fd negative", path: "/dev/fd/-1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tc.want.Path = tc.path
			got, err := ParsePath(tc.path)
			assert.Equal(t, tc.want, got)
			if tc.wantErr == "" {
				assert.NoError(t, err)
				return
			}
			var rerr *Error
			if assert.True(t, errors.As(err, &rerr), "error %v is not an *Error", err) {
				assert.Equal(t, tc.wantErr, rerr.Error())
				assert.Empty(t, rerr.Notice)
				assert.ErrorIs(t, err, ErrInvalidPort)
			}
		})
	}
}

func TestKindString(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		kind Kind
		want string
	}{
		{name: "not special", kind: NotSpecial, want: "NotSpecial"},
		{name: "tcp", kind: TCP, want: "TCP"},
		{name: "udp", kind: UDP, want: "UDP"},
		{name: "fd", kind: FD, want: "FD"},
		{name: "unknown", kind: Kind(200), want: "Kind(200)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tc.want, tc.kind.String())
		})
	}
}

func TestKindPredicates(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name             string
		kind             Kind
		network, isDupFD bool
	}{
		{name: "not special", kind: NotSpecial},
		{name: "tcp", kind: TCP, network: true},
		{name: "udp", kind: UDP, network: true},
		{name: "stdin", kind: Stdin, isDupFD: true},
		{name: "stdout", kind: Stdout, isDupFD: true},
		{name: "stderr", kind: Stderr, isDupFD: true},
		{name: "fd", kind: FD, isDupFD: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tc.network, tc.kind.IsNetwork())
			assert.Equal(t, tc.isDupFD, tc.kind.IsDup())
		})
	}
}

// BenchmarkParsePath parses the paths a redirection may name, one
// sub-benchmark each: plain files (the common case, which must stay
// cheap) and the special paths.
func BenchmarkParsePath(b *testing.B) {
	cases := []struct{ name, path string }{
		{"plain file", "/tmp/out.txt"},
		{"long plain file", "/tmp/" + strings.Repeat("x", 40)},
		{"dev null", "/dev/null"},
		{"tcp literal", "/dev/tcp/127.0.0.1/8080"},
		{"tcp name", "/dev/tcp/localhost/http"},
		{"tcp ipv6", "/dev/tcp/::1/443"},
		{"tcp service of an invalid host", "/dev/tcp/example.invalid/http"},
		{"udp bracketed ipv6", "/dev/udp/[::1]/53"},
		{"fd", "/dev/fd/3"},
		{"stdout", "/dev/stdout"},
	}
	for _, tc := range cases {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := ParsePath(tc.path); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
