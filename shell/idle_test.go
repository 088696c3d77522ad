//go:build linux

package shell

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestIdleTimeoutSilentServer: a server that answers each request and
// stays silent (as Redis or a keep-alive web server do). With
// TCPSH_IDLE_TIMEOUT every builtin's read ends after the idle time as at
// end of file, and the next request on the same connection works.
func TestIdleTimeoutSilentServer(t *testing.T) {
	port := lineServer(t, func(line string) string { return "reply to " + line + "\nsecond line\n" })
	src := `TCPSH_IDLE_TIMEOUT=0.2
exec 3<>/dev/tcp/127.0.0.1/` + port + `
echo a >&3; cat <&3; echo "cat status=$?"
echo b >&3; read -r x <&3; echo "read: $x"; read -r x <&3; read -r x <&3; echo "read status=$? [$x]"
echo c >&3; head -n 5 <&3; echo "head status=$?"
echo d >&3; mapfile -t lines <&3; echo "mapfile status=$? ${#lines[@]} ${lines[1]}"
echo e >&3; cat <&3 | wc -l
fd 3 | tail -n 1 | grep -o 'ESTABLISHED idle=200ms fired=0s-ago'
fd --json 3 | grep -o '"idle_timeout":0.2'
fd -T 0 3; fd 3 | grep -c idle=
echo f >&3; timeout 0.3 cat <&3; echo "after -T 0: status=$?"
fd -T 0.1 3; echo g >&3; cat <&3 >/dev/null; echo "fd -T: status=$?"`
	start := time.Now()
	out, errOut, status := runInProcess(t, src)
	assert.Less(t, time.Since(start), 10*time.Second)
	assert.Equal(t, "", errOut)
	assert.Equal(t, 0, status)
	assert.Equal(t, "reply to a\nsecond line\ncat status=0\n"+
		"read: reply to b\nread status=1 []\n"+
		"reply to c\nsecond line\nhead status=0\n"+
		"mapfile status=0 2 second line\n"+
		"2\n"+
		"ESTABLISHED idle=200ms fired=0s-ago\n"+
		`"idle_timeout":0.2`+"\n"+
		"0\n"+
		"reply to f\nsecond line\nafter -T 0: status=124\n"+
		"fd -T: status=0\n", out)
}

// TestIdleTimeoutJSONAndErrors: fd --json's fields, a bad
// TCPSH_IDLE_TIMEOUT (the open fails) and fd -T's usage errors.
func TestIdleTimeoutJSONAndErrors(t *testing.T) {
	port := lineServer(t, func(line string) string { return line + "\n" })
	out, errOut, _ := runInProcess(t, `exec 3<>/dev/tcp/127.0.0.1/`+port+`
fd -T 0.05 3; echo x >&3; cat <&3; fd --json 3`)
	assert.Equal(t, "", errOut)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	require.Len(t, lines, 2)
	assert.Equal(t, "x", lines[0])
	var row map[string]any
	require.NoError(t, json.Unmarshal([]byte(lines[1]), &row))
	assert.Equal(t, 0.05, row["idle_timeout"])
	fired, err := time.Parse(time.RFC3339Nano, row["idle_fired"].(string))
	require.NoError(t, err)
	assert.WithinDuration(t, time.Now(), fired, 5*time.Second)

	cases := []struct{ name, src, stderr string }{
		{"bad variable", `TCPSH_IDLE_TIMEOUT=2x; exec 3<>/dev/tcp/127.0.0.1/` + port + `; echo "status=$?"`,
			"tcpsh: line 1: TCPSH_IDLE_TIMEOUT: invalid timeout \"2x\": want seconds, e.g. 2 or 0.5\n"},
		{"bad seconds", `fd -T x 1; echo "status=$?"`, "tcpsh: line 1: fd: x: invalid timeout specification\n"},
		{"bad fd", `fd -T 1 9; echo "status=$?"`, "tcpsh: line 1: fd: 9: Bad file descriptor\n"},
		{"no fd", `fd -T 1; echo "status=$?"`, "tcpsh: line 1: fd: -T: no file descriptor given\nfd: usage: " + fdUsage + "\n"},
		{"no seconds", `fd -T; echo "status=$?"`, "tcpsh: line 1: fd: -T: option requires an argument\nfd: usage: " + fdUsage + "\n"},
	}
	wantStatus := map[string]string{"bad variable": "status=1\n", "bad seconds": "status=1\n", "bad fd": "status=1\n",
		"no fd": "status=2\n", "no seconds": "status=2\n"}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out, errOut, _ := runInProcess(t, tc.src)
			assert.Equal(t, tc.stderr, errOut)
			assert.Equal(t, wantStatus[tc.name], out)
		})
	}
}
