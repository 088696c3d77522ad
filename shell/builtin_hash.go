package shell

import (
	"context"
	"fmt"
	"slices"
	"strings"
)

// The hash builtin and the table behind it: bash remembers where it found
// each program it ran by a PATH search, counting the uses, and forgets
// all of them when PATH is assigned. `hash NAME 2>/dev/null || ...` is the
// usual test of whether a program is installed.

const hashUsage = "hash [-lr] [-p pathname] [-dt] [name ...]"

func init() {
	registerBuiltin("hash", bHash, hashUsage,
		"Remember or display program locations. With no names, list the remembered "+
			"programs and how often each was used. NAME... looks each up in PATH and remembers it "+
			"(status 1 if one is not found). -r forgets all, -d forgets the NAMEs, -t prints where "+
			"each NAME is remembered, -p PATHNAME remembers NAME as PATHNAME, -l lists as commands "+
			"that hash can read back. Assigning PATH forgets all.")
}

// hashEntry is one remembered program.
type hashEntry struct {
	path string
	hits int
}

func cloneHashed(m map[string]*hashEntry) map[string]*hashEntry {
	if m == nil {
		return nil
	}
	out := make(map[string]*hashEntry, len(m))
	for k, e := range m {
		c := *e
		out[k] = &c
	}
	return out
}

// hashTable returns the table for the current PATH, emptied when PATH
// changed since it was filled.
func (r *Runner) hashTable() map[string]*hashEntry {
	if path := r.getString("PATH"); r.hashed == nil || r.hashedPATH != path {
		r.hashed, r.hashedPATH = map[string]*hashEntry{}, path
	}
	return r.hashed
}

// programPath finds the program to run for name: where it is remembered
// (bash runs that without searching PATH again), else by lookPath, and
// then remembers it (a name with a slash is not remembered).
func (r *Runner) programPath(name string) (string, error) {
	if strings.Contains(name, "/") {
		return r.lookPath(name)
	}
	t := r.hashTable()
	if e := t[name]; e != nil {
		e.hits++
		return e.path, nil
	}
	p, err := r.lookPath(name)
	if err == nil {
		t[name] = &hashEntry{path: p, hits: 1}
	}
	return p, err
}

// hashedPath returns where name is remembered, counting the use.
func (r *Runner) hashedPath(name string) (string, bool) {
	if e := r.hashTable()[name]; e != nil {
		e.hits++
		return e.path, true
	}
	return "", false
}

func bHash(_ context.Context, c *Call) int {
	r := c.r
	var list, reset, del, show bool
	pathname, havePath := "", false
	names, status, ok := builtinOpts(c, hashUsage, "lrdt", "p", func(f byte, val string) bool {
		switch f {
		case 'l':
			list = true
		case 'r':
			reset = true
		case 'd':
			del = true
		case 't':
			show = true
		case 'p':
			pathname, havePath = val, true
		}
		return true
	})
	if !ok {
		return status
	}
	if reset {
		r.hashed = nil
	}
	t := r.hashTable()
	switch {
	case show:
		if len(names) == 0 {
			c.Errorf("-t: option requires an argument")
			return 1
		}
		status := 0
		for _, n := range names {
			p, ok := r.hashedPath(n)
			switch {
			case !ok:
				c.Errorf("%s: not found", n)
				status = 1
			case len(names) == 1:
				fmt.Fprintf(c, "%s\n", p)
			default:
				fmt.Fprintf(c, "%s\t%s\n", n, p)
			}
		}
		return status
	case del && len(names) == 0:
		c.Errorf("-d: option requires an argument")
		return 1
	case del:
		status := 0
		for _, n := range names {
			if t[n] == nil {
				c.Errorf("%s: not found", n)
				status = 1
				continue
			}
			delete(t, n)
		}
		return status
	case havePath && len(names) > 0:
		for _, n := range names {
			t[n] = &hashEntry{path: pathname}
		}
		return 0
	case len(names) == 0:
		if reset {
			return 0
		}
		return r.listHashed(c, list)
	}
	status = 0
	for _, n := range names {
		if strings.Contains(n, "/") {
			continue
		}
		if r.builtin(n) != nil || r.funcs[n] != nil {
			continue // bash does not hash builtins and functions
		}
		p, err := r.lookPath(n)
		if err != nil {
			c.Errorf("%s: not found", n)
			status = 1
			continue
		}
		if e := t[n]; e == nil || e.path != p {
			t[n] = &hashEntry{path: p}
		}
	}
	return status
}

// listHashed prints the table: bash's "hits command" form, or with -l as
// hash commands. Entries are sorted by name (bash prints them in the
// order of its hash buckets).
func (r *Runner) listHashed(c *Call, asCommands bool) int {
	t := r.hashTable()
	if len(t) == 0 {
		if !asCommands {
			fmt.Fprintf(c, "hash: hash table empty\n")
		}
		return 0
	}
	names := make([]string, 0, len(t))
	for n := range t {
		names = append(names, n)
	}
	slices.Sort(names)
	if !asCommands {
		fmt.Fprintf(c, "hits\tcommand\n")
	}
	for _, n := range names {
		e := t[n]
		if asCommands {
			fmt.Fprintf(c, "builtin hash -p %s %s\n", e.path, n)
		} else {
			fmt.Fprintf(c, "%4d\t%s\n", e.hits, e.path)
		}
	}
	return 0
}
