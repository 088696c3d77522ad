package shell

import (
	"context"
	"net/netip"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseLsofArgs(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		wantOK  bool
		ours    bool // answered by the builtin for pid 42
		wantQ   lsofQuery
		compare bool
	}{
		{name: "pid", args: []string{"-p", "42"}, wantOK: true, ours: true,
			wantQ: lsofQuery{pids: []string{"42"}}, compare: true},
		{name: "attached pid and flags", args: []string{"-nPp42"}, wantOK: true, ours: true,
			wantQ: lsofQuery{pids: []string{"42"}, noHost: true, noPort: true}, compare: true},
		{name: "and with bare -i", args: []string{"-a", "-p", "42", "-i"}, wantOK: true, ours: true,
			wantQ: lsofQuery{pids: []string{"42"}, and: true, inet: []string{""}}, compare: true},
		{name: "-i takes the next word", args: []string{"-a", "-p", "42", "-i", ":80", "-t"}, wantOK: true, ours: true,
			wantQ: lsofQuery{pids: []string{"42"}, and: true, inet: []string{":80"}, terse: true}, compare: true},
		{name: "-i does not take an option", args: []string{"-ap", "42", "-i", "-n"}, wantOK: true, ours: true,
			wantQ: lsofQuery{pids: []string{"42"}, and: true, inet: []string{""}, noHost: true}, compare: true},
		{name: "attached -i address", args: []string{"-ap42", "-iTCP:80"}, wantOK: true, ours: true,
			wantQ: lsofQuery{pids: []string{"42"}, and: true, inet: []string{"TCP:80"}}, compare: true},
		{name: "or-ed selections", args: []string{"-p", "42", "-i"}, wantOK: true},
		{name: "other pid", args: []string{"-p", "1"}, wantOK: true},
		{name: "pid list with another", args: []string{"-p", "42,1"}, wantOK: true},
		{name: "excluded pid", args: []string{"-p", "^42"}, wantOK: true},
		{name: "no pid", args: []string{"-i", ":80"}, wantOK: true},
		{name: "missing pid", args: []string{"-p"}},
		{name: "unknown option", args: []string{"-p", "42", "-u", "root"}},
		{name: "file operand", args: []string{"-p", "42", "/etc/hosts"}},
		{name: "plus option", args: []string{"+D", "/tmp"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, ok := parseLsofArgs(tt.args)
			assert.Equal(t, tt.wantOK, ok)
			assert.Equal(t, tt.ours, ok && q.onlyPid(42))
			if tt.compare {
				assert.Equal(t, tt.wantQ, q)
			}
		})
	}
}

func TestParseInetSpec(t *testing.T) {
	lo := netip.MustParseAddr("127.0.0.1")
	tests := []struct {
		name    string
		spec    string
		want    inetSpec
		wantErr bool
	}{
		{name: "any", spec: "", want: inetSpec{}},
		{name: "family", spec: "6", want: inetSpec{family: 6}},
		{name: "protocol", spec: "udp", want: inetSpec{proto: "UDP"}},
		{name: "port", spec: ":80", want: inetSpec{ports: [][2]int{{80, 80}}}},
		{name: "service", spec: "TCP:http", want: inetSpec{proto: "TCP", ports: [][2]int{{80, 80}}}},
		{name: "port list and range", spec: ":22,8000-8080", want: inetSpec{ports: [][2]int{{22, 22}, {8000, 8080}}}},
		{name: "host", spec: "@127.0.0.1", want: inetSpec{addrs: []netip.Addr{lo}}},
		{name: "everything", spec: "4TCP@127.0.0.1:443", want: inetSpec{family: 4, proto: "TCP", addrs: []netip.Addr{lo}, ports: [][2]int{{443, 443}}}},
		{name: "bracketed IPv6", spec: "@[::1]:53", want: inetSpec{addrs: []netip.Addr{netip.MustParseAddr("::1")}, ports: [][2]int{{53, 53}}}},
		{name: "unknown protocol", spec: "SCTP", wantErr: true},
		{name: "bad port", spec: ":99999", wantErr: true},
		{name: "unknown service", spec: "TCP:nosuchservice", wantErr: true},
		{name: "reversed range", spec: ":90-80", wantErr: true},
		{name: "empty host", spec: "@:80", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseInetSpec(context.Background(), tt.spec)
			if tt.wantErr {
				assert.Error(t, err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestInetSpecMatches(t *testing.T) {
	local := netip.MustParseAddrPort("127.0.0.1:40000")
	remote := netip.MustParseAddrPort("127.0.0.1:80")
	tests := []struct {
		name string
		spec inetSpec
		want bool
	}{
		{"any", inetSpec{}, true},
		{"protocol", inetSpec{proto: "TCP"}, true},
		{"other protocol", inetSpec{proto: "UDP"}, false},
		{"remote port", inetSpec{ports: [][2]int{{80, 80}}}, true},
		{"local port in range", inetSpec{ports: [][2]int{{39000, 41000}}}, true},
		{"other port", inetSpec{ports: [][2]int{{443, 443}}}, false},
		{"IPv6 only", inetSpec{family: 6}, false},
		{"other host", inetSpec{addrs: []netip.Addr{netip.MustParseAddr("10.0.0.1")}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.spec.matches("TCP", local, remote))
		})
	}
}

func TestLsofEndpoint(t *testing.T) {
	q := &lsofQuery{
		hosts:   map[netip.Addr]string{netip.MustParseAddr("127.0.0.1"): "localhost"},
		service: map[string]string{"80/tcp": "http"},
	}
	tests := []struct {
		name           string
		noHost, noPort bool
		addr, proto    string
		want           string
	}{
		{name: "names", addr: "127.0.0.1:80", proto: "TCP", want: "localhost:http"},
		{name: "service of another protocol", addr: "127.0.0.1:80", proto: "UDP", want: "localhost:80"},
		{name: "-n", noHost: true, addr: "127.0.0.1:80", proto: "TCP", want: "127.0.0.1:http"},
		{name: "-P", noPort: true, addr: "127.0.0.1:80", proto: "TCP", want: "localhost:80"},
		{name: "unknown address", addr: "10.1.2.3:5000", proto: "TCP", want: "10.1.2.3:5000"},
		{name: "IPv6", addr: "[::1]:5000", proto: "TCP", want: "[::1]:5000"},
		{name: "wildcard", addr: "0.0.0.0:0", proto: "UDP", want: "*:*"},
		{name: "not an address", addr: "@sock", proto: "TCP", want: "@sock"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q.noHost, q.noPort = tt.noHost, tt.noPort
			assert.Equal(t, tt.want, q.endpoint(tt.addr, tt.proto))
		})
	}
}

func TestLsofFD(t *testing.T) {
	tests := []struct {
		name string
		fd   string
		mode byte
		want string
	}{
		{"small", "8", 'u', "   8u "},
		{"name", "cwd", ' ', " cwd  "},
		{"four digits", "1000", 'r', "1000r "},
		{"longer", "12345", 'w', "*345w "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, lsofFD(tt.fd, tt.mode))
		})
	}
}
