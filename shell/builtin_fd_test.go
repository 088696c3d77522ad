package shell

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestHumanBytes(t *testing.T) {
	tests := []struct {
		name string
		n    int64
		want string
	}{
		{"zero", 0, "0"},
		{"bytes", 1023, "1023"},
		{"one K", 1024, "1.0K"},
		{"fraction", 1536, "1.5K"},
		{"whole K", 12 * 1024, "12K"},
		{"rounds up a unit digit", 10*1024 - 1, "10K"},
		{"mega", 3 << 20, "3.0M"},
		{"giga", 5 << 30, "5.0G"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, humanBytes(tt.n))
		})
	}
}

func TestHumanAge(t *testing.T) {
	tests := []struct {
		name string
		d    time.Duration
		want string
	}{
		{"negative", -time.Second, "0s"},
		{"seconds", 42*time.Second + 900*time.Millisecond, "42s"},
		{"minutes", 3*time.Minute + 5*time.Second, "3m05s"},
		{"hours", 2*time.Hour + 7*time.Minute, "2h07m"},
		{"days", 4*24*time.Hour + 3*time.Hour, "4d03h"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, humanAge(tt.d))
		})
	}
}

func TestTextTable(t *testing.T) {
	tests := []struct {
		name    string
		gap     int
		headers []string
		rows    [][]string
		want    string
	}{
		{
			name:    "left and right, last column unpadded",
			gap:     2,
			headers: []string{"FD", ">IN", "TARGET"},
			rows:    [][]string{{"0", "12345", "/dev/null"}, {"10", "1", "x"}},
			want:    "FD     IN  TARGET\n0   12345  /dev/null\n10      1  x\n",
		},
		{
			name:    "empty last cells leave no trailing blanks",
			gap:     1,
			headers: []string{"A", "STATE"},
			rows:    [][]string{{"a", ""}},
			want:    "A STATE\na\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tab := &textTable{gap: tt.gap}
			tab.header(tt.headers...)
			for _, r := range tt.rows {
				tab.row(r...)
			}
			var b strings.Builder
			tab.write(&b)
			assert.Equal(t, tt.want, b.String())
		})
	}
}
