package shell

import (
	"context"
	"fmt"
	"time"
)

// Builtins of bash's job control and login shells. tcpsh has no job
// control (background jobs run, but cannot be stopped or brought to the
// foreground) and is never a login shell: these fail as bash's do in a
// shell without them, instead of "command not found".
func init() {
	noJobControl := func(_ context.Context, c *Call) int {
		c.Errorf("no job control")
		return 1
	}
	registerBuiltin("fg", noJobControl, "fg [job_spec]",
		"Bring a job to the foreground: tcpsh has no job control, so this fails (status 1), as in bash without it.")
	registerBuiltin("bg", noJobControl, "bg [job_spec ...]",
		"Resume a stopped job in the background: tcpsh has no job control, so this fails (status 1), as in bash without it.")
	registerBuiltin("suspend", func(_ context.Context, c *Call) int {
		c.Errorf("cannot suspend: no job control")
		return 1
	}, "suspend [-f]", "Suspend the shell: tcpsh has no job control, so this fails (status 1).")
	registerBuiltin("logout", func(_ context.Context, c *Call) int {
		c.Errorf("not login shell: use `exit'")
		return 1
	}, "logout [n]", "Exit a login shell: tcpsh is never one; use exit.")
	registerBuiltin("times", bTimes, "times",
		"Print the user and system CPU time used by the shell, then by the programs it ran and waited for.")
}

func bTimes(_ context.Context, c *Call) int {
	selfUser, selfSys, kidsUser, kidsSys := splitCPUTimes()
	fmt.Fprintf(c, "%s %s\n%s %s\n", minSec(selfUser), minSec(selfSys), minSec(kidsUser), minSec(kidsSys))
	return 0
}

// minSec formats a duration as bash's times does: 0m0.004s.
func minSec(d time.Duration) string {
	m := int(d / time.Minute)
	s := (d - time.Duration(m)*time.Minute).Seconds()
	return fmt.Sprintf("%dm%.3fs", m, s)
}
