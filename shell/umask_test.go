package shell

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestParseUmask(t *testing.T) {
	cases := []struct {
		name, mode string
		cur, want  int
		msg        string
	}{
		{name: "octal", mode: "027", cur: 0o022, want: 0o027},
		{name: "octal masked to 0777", mode: "7777", cur: 0o022, want: 0o777},
		{name: "octal too large", mode: "17777", cur: 0o022, msg: "17777: octal number out of range"},
		{name: "not octal", mode: "999", cur: 0o022, msg: "999: octal number out of range"},
		{name: "assign all", mode: "u=rwx,g=rx,o=", cur: 0o022, want: 0o027},
		{name: "add for all", mode: "a+w", cur: 0o022, want: 0},
		{name: "who defaults to all", mode: "-x", cur: 0o022, want: 0o133},
		{name: "remove", mode: "g-w,o-rwx", cur: 0o002, want: 0o027},
		{name: "empty permission list", mode: "ug+", cur: 0o022, want: 0o022},
		{name: "bad character", mode: "go=u", cur: 0o022, msg: "`u': invalid symbolic mode character"},
		{name: "bad operator", mode: "q=r", cur: 0o022, msg: "`q': invalid symbolic mode operator"},
		{name: "empty clause", mode: "u=rw,,g=r", cur: 0o022, msg: "`,': invalid symbolic mode operator"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, msg := parseUmask(tc.mode, tc.cur)
			assert.Equal(t, tc.msg, msg)
			if tc.msg == "" {
				assert.Equal(t, tc.want, got)
			}
		})
	}
}
