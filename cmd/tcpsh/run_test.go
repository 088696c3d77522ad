package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseArgs(t *testing.T) {
	cases := []struct {
		name string
		args []string
		want cliOpts
	}{
		{"script", []string{"s.sh", "a"}, cliOpts{args: []string{"s.sh", "a"}}},
		{"command", []string{"-c", "echo", "n", "a"}, cliOpts{hasCommand: true, args: []string{"echo", "n", "a"}}},
		{"stdin args", []string{"-s", "--", "x"}, cliOpts{stdinScript: true, args: []string{"x"}}},
		{"letters", []string{"-eux", "-o", "pipefail", "s.sh"}, cliOpts{
			setOpts: []setOpt{{"errexit", true}, {"nounset", true}, {"xtrace", true}, {"pipefail", true}},
			args:    []string{"s.sh"}}},
		{"plus turns off", []string{"+e", "-n"}, cliOpts{noExec: true, setOpts: []setOpt{{"errexit", false}}}},
		{"rc", []string{"--norc", "--rcfile", "f", "-i"}, cliOpts{norc: true, rcfile: "f", forceInter: true}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := parseArgs(tc.args)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
	_, err := parseArgs([]string{"-Z"})
	assert.EqualError(t, err, "-Z: invalid option")
	_, err = parseArgs([]string{"--version"})
	assert.Equal(t, errVersion, err)
}
