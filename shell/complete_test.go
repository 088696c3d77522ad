package shell

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestComplete(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.Mkdir(filepath.Join(dir, "subdir"), 0o755))
	require.NoError(t, os.Mkdir(filepath.Join(dir, "my dir"), 0o755))
	for _, f := range []string{"file one", "filetwo", ".hidden", "subdir/inner", "my dir/inside"} {
		require.NoError(t, os.WriteFile(filepath.Join(dir, f), nil, 0o644))
	}
	require.NoError(t, os.WriteFile(filepath.Join(dir, "runme"), nil, 0o755))
	hosts := filepath.Join(dir, "hosts")
	require.NoError(t, os.WriteFile(hosts, []byte("127.0.0.1 localhost\n10.0.0.1 gateway gw # router\n"), 0o644))
	saved := hostsFile
	hostsFile = hosts
	t.Cleanup(func() { hostsFile = saved })

	s := newSession(t, Interactive(true), Dir(dir), Env([]string{"PATH=" + dir, "MYVAR=1"}))
	typeLines(t, s, "exec 7</dev/null", "myfunc() { :; }", "alias myalias=true", ": /dev/tcp/example.test/80")
	require.NoError(t, s.r.fds.CheckFD(7))

	cases := []struct {
		name      string
		line      string
		wantStart int
		want      []string
		subset    bool // want is part of the result (fds the test inherited)
	}{
		{"builtin", "histo", 0, []string{"history "}, false},
		{"function", "myf", 0, []string{"myfunc "}, false},
		{"alias", "echo x; myal", 8, []string{"myalias "}, false},
		{"keyword", "whil", 0, []string{"while "}, false},
		{"PATH program", "runm", 0, []string{"runme "}, false},
		{"after a pipe", "true | runm", 7, []string{"runme "}, false},
		{"open fds", "echo >&", 7, []string{"- ", "0 ", "1 ", "2 ", "7 "}, true},
		{"open fd prefix", "cat <&7", 6, []string{"7 "}, false},
		{"files", "cat fil", 4, []string{`file\ one `, "filetwo "}, false},
		{"directory", "cat sub", 4, []string{"subdir/"}, false},
		{"in a directory", "cat subdir/i", 4, []string{"subdir/inner "}, false},
		{"escaped directory", `cat my\ dir/i`, 4, []string{`my\ dir/inside `}, false},
		{"hidden files", "cat .h", 4, []string{".hidden "}, false},
		{"executable by path", "./r", 0, []string{"./runme "}, false},
		{"dev tcp", "cat </dev/tc", 5, []string{"/dev/tcp/"}, false},
		{"hosts", "exec 3<>/dev/tcp/", 8, []string{"/dev/tcp/example.test/", "/dev/tcp/gateway/", "/dev/tcp/gw/", "/dev/tcp/localhost/"}, false},
		{"host prefix", "x /dev/udp/ex", 2, []string{"/dev/udp/example.test/"}, false},
		{"port", "x /dev/tcp/gw/", 2, nil, false},
		{"variable", "echo $MYV", 5, []string{"$MYVAR "}, false},
		{"variable in braces", "echo ${MYV", 5, []string{"${MYVAR}"}, false},
		{"nothing", "zzzz", 0, nil, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			start, got := s.r.Complete(tc.line)
			assert.Equal(t, tc.wantStart, start)
			if tc.subset {
				assert.Subset(t, got, tc.want)
			} else {
				assert.Equal(t, tc.want, got)
			}
		})
	}
}
