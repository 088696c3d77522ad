//go:build !unix

package shell

import "os/exec"

// prepareChild sets process attributes for a program about to start.
func (r *Runner) prepareChild(cmd *exec.Cmd) {}

// startChild starts cmd.
func (r *Runner) startChild(cmd *exec.Cmd) error { return cmd.Start() }
