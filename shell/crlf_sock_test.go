//go:build linux

package shell

import (
	"io"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCRLFOnSocket: with set -o crlf, echo, printf, here-documents and
// here-strings written to a socket get \r\n line ends (an existing \r\n
// is kept); cat, external commands, files and pipes are left alone; off,
// nothing changes. A local server records the bytes.
func TestCRLFOnSocket(t *testing.T) {
	got := make(chan string, 1)
	port := sockServer(t, func(c net.Conn) {
		b, _ := io.ReadAll(c)
		got <- string(b)
	})
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "body"), []byte("file\nbody\r\n"), 0o600))
	src := `exec 3<>/dev/tcp/127.0.0.1/` + port + `
printf 'off\nalready\r\n' >&3
echo off >&3
set -o crlf
echo on >&3
printf 'p1\np2\r\n\n' >&3
cat <<EOF >&3
doc
$((1+1)) crlf
EOF
cat <<<'here string' >&3
cat body >&3
/usr/bin/printf 'external\n' >&3
echo file >out.txt
echo pipe | od -c | head -n 1
cat <<EOF
doc to stdout
EOF
set +o crlf
echo off again >&3
exec 3>&-
od -c out.txt | head -n 1`
	out, errOut, status := runInProcess(t, src, Dir(dir))
	assert.Equal(t, "", errOut)
	assert.Equal(t, 0, status)
	assert.Equal(t, "0000000   p   i   p   e  \\n\ndoc to stdout\n0000000   f   i   l   e  \\n\n", out)
	select {
	case b := <-got:
		assert.Equal(t, "off\nalready\r\noff\n"+
			"on\r\np1\r\np2\r\n\r\n"+
			"doc\r\n2 crlf\r\n"+
			"here string\r\n"+
			"file\nbody\r\n"+
			"external\n"+
			"off again\n", b)
	case <-time.After(5 * time.Second):
		t.Fatal("the server got nothing")
	}
}
