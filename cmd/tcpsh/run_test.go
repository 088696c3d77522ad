package main

import (
	"errors"
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
		{"list options", []string{"+o"}, cliOpts{listOpts: "+o"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := parseArgs(tc.args)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestParseArgsErrors(t *testing.T) {
	cases := []struct {
		name string
		args []string
		want error
	}{
		{"invalid letter", []string{"-Z"}, errors.New("-Z: invalid option")},
		{"invalid letter after valid ones", []string{"-ex", "-eZx"}, errors.New("-Z: invalid option")},
		{"invalid long option", []string{"--bogus"}, errors.New("--bogus: invalid option")},
		{"-o with an unknown name", []string{"-o", "-c", "echo"}, plainError("-c: invalid option name")},
		{"--rcfile without its argument", []string{"--rcfile"}, plainError("rcfile: option requires an argument")},
		{"--init-file without its argument", []string{"--init-file"}, plainError("init-file: option requires an argument")},
		{"version", []string{"--norc", "--version", "-Z"}, errVersion},
		{"help", []string{"--help"}, errHelp},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := parseArgs(tc.args)
			assert.Equal(t, tc.want, err)
		})
	}
}
