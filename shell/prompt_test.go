package shell

import (
	"context"
	"os"
	"os/user"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPromptEscapes checks PS1's backslash escapes, as bash expands them.
func TestPromptEscapes(t *testing.T) {
	home := t.TempDir()
	work := filepath.Join(home, "proj", "sub")
	require.NoError(t, os.MkdirAll(work, 0o755))
	u, err := user.Current()
	require.NoError(t, err)
	host, err := os.Hostname()
	require.NoError(t, err)
	short, _, _ := strings.Cut(host, ".")
	dollar := "$"
	if os.Geteuid() == 0 {
		dollar = "#"
	}
	cases := []struct {
		name, ps1 string
		want      string // a regular expression when re is set
		re        bool
	}{
		{"default", `\s-\v\$ `, "tcpsh-0.1" + dollar + " ", false},
		{"user and host", `\u@\h`, u.Username + "@" + short, false},
		{"full host", `\H`, host, false},
		{"working directory under HOME", `\w`, "~/proj/sub", false},
		{"its last part", `\W`, "sub", false},
		{"time", `\t`, `^\d\d:\d\d:\d\d$`, true},
		{"newline", `a\nb`, "a\nb", false},
		{"non-printing markers", `\[\e[1m\]x\[\e[0m\]`, "\x1b[1mx\x1b[0m", false},
		{"full version", `\V`, Version, false},
		{"parameters", `$((1+1))\\`, `2\`, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := newSession(t, Interactive(true), Dir(work), Env([]string{"HOME=" + home}))
			s.r.RunString(context.Background(), "PS1='"+tc.ps1+"'")
			got := s.r.Prompt(false)
			if tc.re {
				assert.Regexp(t, regexp.MustCompile(tc.want), got)
			} else {
				assert.Equal(t, tc.want, got)
			}
		})
	}
}
