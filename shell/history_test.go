package shell

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// typeLines runs lines as typed at the prompt of an interactive session.
func typeLines(t *testing.T, s *testSession, lines ...string) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s.r.RunInteractive(func() context.Context { return ctx }, func(string) (string, error) {
		if len(lines) == 0 {
			return "", io.EOF
		}
		l := lines[0] + "\n"
		lines = lines[1:]
		return l, nil
	})
}

func TestHistoryEntries(t *testing.T) {
	cases := []struct {
		name  string
		env   []string
		lines []string
		want  []string
	}{
		{"one per command", nil, []string{"echo a", "", "echo b; echo c"}, []string{"echo a", "echo b; echo c"}},
		{"if joined", nil, []string{"if true", "then", "  echo x", "fi"}, []string{"if true; then echo x; fi"}},
		{"loop joined", nil, []string{"for i in 1 2; do", "echo $i", "done"}, []string{"for i in 1 2; do echo $i; done"}},
		{"pipe joined", nil, []string{"echo a |", "cat"}, []string{"echo a | cat"}},
		{"quote kept", nil, []string{"echo 'a", "b'"}, []string{"echo 'a\nb'"}},
		{"here-document kept", nil, []string{"cat <<E", "x", "E"}, []string{"cat <<E\nx\nE"}},
		{"syntax error recorded", nil, []string{"if then"}, []string{"if then"}},
		{"HISTSIZE", []string{"HISTSIZE=2"}, []string{"echo 1", "echo 2", "echo 3"}, []string{"echo 2", "echo 3"}},
		{"ignorespace", []string{"HISTCONTROL=ignorespace"}, []string{" echo secret", "echo a"}, []string{"echo a"}},
		{"ignoredups", []string{"HISTCONTROL=ignoredups"}, []string{"echo a", "echo a", "echo b", "echo a"}, []string{"echo a", "echo b", "echo a"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := newSession(t, Interactive(true), Env(tc.env))
			typeLines(t, s, tc.lines...)
			assert.Equal(t, tc.want, s.r.History().Entries())
		})
	}
}

func TestHistoryBuiltin(t *testing.T) {
	cases := []struct {
		name  string
		lines []string
		want  string
	}{
		{"list", []string{"echo a >/dev/null", "history"}, "    1  echo a >/dev/null\n    2  history\n"},
		{"last n", []string{"true", "false", "history 1"}, "    3  history 1\n"},
		{"clear", []string{"true", "history -c", "history"}, "    1  history\n"},
		{"delete", []string{"true", "false", "history -d 1", "history"}, "    1  false\n    2  history -d 1\n    3  history\n"},
		{"delete from the end", []string{"true", "history -d -1", "history"}, "    1  true\n    2  history\n"},
		{"s", []string{"history -s echo added", "history"}, "    1  echo added\n    2  history\n"},
		{"out of range", []string{"history -d 9 2>&1"}, "tcpsh: history: 9: history position out of range\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := newSession(t, Interactive(true))
			typeLines(t, s, tc.lines...)
			s.done()
			assert.Equal(t, tc.want, s.stdout.String())
		})
	}
}

func TestHistoryFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "hist")
	require.NoError(t, os.WriteFile(path, []byte("old one\nold two\n"), 0o644))
	s := newSession(t, Interactive(true), Env([]string{"HISTFILE=" + path, "HISTFILESIZE=3"}))
	require.NoError(t, s.r.StartHistory())
	assert.Equal(t, []string{"old one", "old two"}, s.r.History().Entries(), "a file without timestamps: one entry a line")
	typeLines(t, s, "echo 'a", "b'", "echo c")
	require.NoError(t, s.r.SaveHistory())
	st, err := os.Stat(path)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), st.Mode().Perm())

	got, err := readHistoryFile(path)
	require.NoError(t, err)
	assert.Equal(t, []string{"old two", "echo 'a\nb'", "echo c"}, got, "HISTFILESIZE entries, several lines in one")

	s2 := newSession(t, Interactive(true), Env([]string{"HOME=" + dir}))
	require.NoError(t, s2.r.StartHistory())
	assert.Equal(t, filepath.Join(dir, ".tcpsh_history"), s2.r.getString("HISTFILE"))
	assert.Equal(t, "500", s2.r.getString("HISTSIZE"))
}

func TestHistoryReadWriteBuiltin(t *testing.T) {
	path := filepath.Join(t.TempDir(), "h")
	s := newSession(t, Interactive(true))
	typeLines(t, s, "HISTSIZE=3", "true", "history -w "+path, "history -r "+path, "history",
		"history -r "+path+".missing; echo status=$?")
	s.done()
	// history -r appends the file's three entries, and HISTSIZE keeps the
	// last three of the list.
	assert.Equal(t, "    1  true\n    2  history -w "+path+"\n    3  history\nstatus=1\n", s.stdout.String())
}
