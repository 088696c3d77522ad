package shell

import (
	"context"
	"fmt"
	"sort"
	"strings"
)

// bCompgen is a subset of bash's compgen: the -A actions function,
// variable, alias, builtin, keyword and export (and their letters -a -b -e
// -k -v), -W wordlist, and a word whose prefix filters the results.
func bCompgen(ctx context.Context, c *Call) int {
	r := c.r
	args := c.Args
	actions := map[string]bool{}
	var words []string
	for len(args) > 0 && strings.HasPrefix(args[0], "-") && len(args[0]) > 1 {
		a := args[0]
		args = args[1:]
		if a == "--" {
			break
		}
		switch a {
		case "-A":
			if len(args) == 0 {
				c.Errorf("-A: option requires an argument")
				return 2
			}
			actions[args[0]] = true
			args = args[1:]
			continue
		case "-W":
			if len(args) == 0 {
				c.Errorf("-W: option requires an argument")
				return 2
			}
			if f, err := r.splitIFS(args[0]); err == nil {
				words = append(words, f...)
			}
			args = args[1:]
			continue
		}
		for _, f := range a[1:] {
			name, ok := map[rune]string{'a': "alias", 'b': "builtin", 'e': "export", 'k': "keyword", 'v': "variable"}[f]
			if !ok {
				c.Errorf("-%c: invalid option", f)
				r.errf("compgen: usage: compgen [-abcdefgjksuv] [-o option] [-A action] [-G globpat] [-W wordlist] [-F function] [-C command] [-X filterpat] [-P prefix] [-S suffix] [word]")
				return 2
			}
			actions[name] = true
		}
	}
	prefix := ""
	if len(args) > 0 {
		prefix = args[0]
	}
	var out []string
	add := func(names []string) {
		sort.Strings(names)
		for _, n := range names {
			if strings.HasPrefix(n, prefix) {
				out = append(out, n)
			}
		}
	}
	for _, w := range words {
		if strings.HasPrefix(w, prefix) {
			out = append(out, w)
		}
	}
	for act := range actions {
		var names []string
		switch act {
		case "function":
			for n := range r.funcs {
				names = append(names, n)
			}
		case "alias":
			for n := range r.aliases {
				names = append(names, n)
			}
		case "builtin":
			for n := range builtins {
				names = append(names, n)
			}
		case "keyword":
			for n := range keywords {
				names = append(names, n)
			}
		case "variable", "export":
			for _, n := range r.vars.names() {
				vr := r.vars.get(n)
				if vr.Declared() && (act == "variable" || vr.Exported) {
					names = append(names, n)
				}
			}
		default:
			c.Errorf("%s: invalid action name", act)
			return 2
		}
		add(names)
	}
	for _, n := range out {
		fmt.Fprintln(c, n)
	}
	if len(out) == 0 {
		return 1
	}
	return 0
}

// splitIFS splits s into fields on $IFS, as compgen -W does.
func (r *Runner) splitIFS(s string) ([]string, error) {
	ifs := " \t\n"
	if vr := r.vars.get("IFS"); vr.IsSet() {
		ifs = vr.String()
	}
	return strings.FieldsFunc(s, func(c rune) bool { return strings.ContainsRune(ifs, c) }), nil
}
