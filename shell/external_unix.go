//go:build unix

package shell

import (
	"os/exec"
	"syscall"
)

// prepareChild sets process attributes for a program about to start:
// background jobs of the interactive shell get their own process group.
func (r *Runner) prepareChild(cmd *exec.Cmd) {
	if r.bgJob && r.sess.interactive {
		cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	}
}
