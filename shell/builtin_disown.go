package shell

import (
	"context"
	"strconv"
	"strings"
)

const disownUsage = "disown [-h] [-ar] [jobspec ... | pid ...]"

func init() {
	registerBuiltin("disown", bDisown, disownUsage,
		"Remove jobs from the table of active jobs: jobs no longer lists them and wait no longer "+
			"waits for them; they go on running. With no JOBSPEC, the current job. -a: all jobs; "+
			"-r: only running ones; -h: keep the jobs in the table (bash would then not send them "+
			"SIGHUP; tcpsh sends its jobs no SIGHUP).")
}

func bDisown(_ context.Context, c *Call) int {
	r := c.r
	all, running, keep := false, false, false
	specs, status, ok := builtinOpts(c, disownUsage, "ahr", "", func(f byte, _ string) bool {
		switch f {
		case 'a':
			all = true
		case 'r':
			running = true
		case 'h':
			keep = true
		}
		return true
	})
	if !ok {
		return status
	}
	var jobs []*job
	switch {
	case len(specs) == 0 && (all || running):
		for _, j := range r.ownJobs() {
			if j.id > 0 && (!running || !j.finished()) {
				jobs = append(jobs, j)
			}
		}
	case len(specs) == 0:
		var cur *job
		for _, j := range r.ownJobs() {
			if j.id > 0 {
				cur = j // the newest is the current job
			}
		}
		if cur == nil {
			c.Errorf("current: no such job")
			return 1
		}
		jobs = append(jobs, cur)
	default:
		for _, s := range specs {
			j := r.disownTarget(s)
			if j == nil {
				c.Errorf("%s: no such job", s)
				status = 1
				continue
			}
			jobs = append(jobs, j)
		}
	}
	if !keep {
		for _, j := range jobs {
			r.sess.jobs.remove(j)
		}
	}
	return status
}

// disownTarget finds this shell's job named by %N or by its pid.
func (r *Runner) disownTarget(spec string) *job {
	for _, j := range r.ownJobs() {
		if j.id <= 0 {
			continue
		}
		if n, ok := strings.CutPrefix(spec, "%"); ok {
			if strconv.Itoa(j.id) == n {
				return j
			}
		} else if pid, err := strconv.Atoi(spec); err == nil && j.pidKnown() == pid {
			return j
		}
	}
	return nil
}
