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
		{name: "leading zero octal", mode: "0027", cur: 0o022, want: 0o027},
		{name: "hex is not octal", mode: "0x1", cur: 0o022, msg: "0x1: octal number out of range"},
		{name: "eight", mode: "08", cur: 0o022, msg: "08: octal number out of range"},
		{name: "missing operator", mode: "u", cur: 0o022, msg: "`\x00': invalid symbolic mode operator"},
		{name: "empty mode", mode: "", cur: 0o022, msg: "`\x00': invalid symbolic mode operator"},
		{name: "trailing comma", mode: "a=rwx,", cur: 0o022, msg: "`\x00': invalid symbolic mode operator"},
		{name: "leading comma", mode: ",u=r", cur: 0o022, msg: "`,': invalid symbolic mode operator"},
		{name: "setuid not supported", mode: "u+s", cur: 0o022, msg: "`s': invalid symbolic mode character"},
		{name: "bare equals clears all", mode: "=", cur: 0o022, want: 0o777},
		{name: "who letters combine", mode: "ug=r", cur: 0o000, want: 0o330},
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

func TestSymbolicUmask(t *testing.T) {
	cases := []struct {
		name string
		mask int
		want string
	}{
		{"none", 0, "u=rwx,g=rwx,o=rwx"},
		{"typical", 0o022, "u=rwx,g=rx,o=rx"},
		{"private", 0o077, "u=rwx,g=,o="},
		{"mixed", 0o153, "u=rw,g=w,o=r"},
		{"all", 0o777, "u=,g=,o="},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, symbolicUmask(tc.mask))
		})
	}
}
