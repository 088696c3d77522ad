package shell

import (
	"bufio"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// hostsFile is read for host names after /dev/tcp/ and /dev/udp/.
var hostsFile = "/etc/hosts"

// Complete returns the completions of the word that ends line, the text
// before the cursor. start is the byte offset in line where that word
// begins; each candidate replaces line[start:] and ends with " " when it
// is a whole word or with "/" when more may follow (a directory, a host
// after /dev/tcp/). Candidates are sorted and unique.
//
// What is offered depends on the word's place: the open fd numbers after
// >& or <&; host names (from /etc/hosts and from /dev/tcp and /dev/udp
// paths typed earlier in the session) after /dev/tcp/ or /dev/udp/;
// variable names after $; builtins, functions, aliases, keywords and
// programs on PATH in command position; file names elsewhere.
//
// It reads the session's state and must not run while the Runner runs a
// command (the REPL calls it while the shell waits at the prompt).
func (r *Runner) Complete(line string) (start int, cands []string) {
	start = wordStart(line)
	word, before := line[start:], line[:start]
	var out []string
	switch {
	case strings.HasSuffix(before, ">&") || strings.HasSuffix(before, "<&"):
		for _, fd := range r.fds.FDs() {
			out = append(out, strconv.Itoa(fd)+" ")
		}
		out = append(out, "- ")
	case strings.HasPrefix(word, "/dev/tcp/") || strings.HasPrefix(word, "/dev/udp/"):
		rest := word[len("/dev/tcp/"):]
		if strings.Contains(rest, "/") {
			return start, nil // a port: nothing to offer
		}
		for _, h := range r.completionHosts() {
			out = append(out, word[:len("/dev/tcp/")]+h+"/")
		}
	case strings.HasPrefix(word, "${"):
		for _, n := range r.vars.names() {
			out = append(out, "${"+n+"}")
		}
	case strings.HasPrefix(word, "$"):
		for _, n := range r.vars.names() {
			out = append(out, "$"+n+" ")
		}
	case isCommandPosition(before) && !strings.Contains(word, "/"):
		out = r.commandNames()
	default:
		out = r.fileNames(word, isCommandPosition(before))
		for _, dev := range []string{"/dev/tcp/", "/dev/udp/"} {
			if len(word) >= len("/dev/") && strings.HasPrefix(dev, word) {
				out = append(out, dev)
			}
		}
	}
	for _, c := range out {
		if strings.HasPrefix(c, word) {
			cands = append(cands, c)
		}
	}
	slices.Sort(cands)
	return start, slices.Compact(cands)
}

// wordStart returns where the last word of line begins: after the last
// unescaped blank or operator character.
func wordStart(line string) int {
	start := 0
	for i := 0; i < len(line); i++ {
		switch c := line[i]; c {
		case '\\':
			i++
		case ' ', '\t', '\n', ';', '|', '&', '(', ')', '<', '>', '`':
			start = i + 1
		}
	}
	if start > len(line) {
		start = len(line)
	}
	return start
}

// isCommandPosition tells whether a word after before is a command name.
func isCommandPosition(before string) bool {
	t := strings.TrimRight(before, " \t")
	if t == "" {
		return true
	}
	if strings.HasSuffix(t, ">&") || strings.HasSuffix(t, "<&") {
		return false
	}
	switch t[len(t)-1] {
	case ';', '|', '&', '(', '`', '\n':
		return true
	}
	f := strings.Fields(t)
	switch f[len(f)-1] {
	case "then", "do", "else", "elif", "if", "while", "until", "time", "!", "{", "exec", "command", "builtin", "sudo":
		return true
	}
	return false
}

// commandNames lists what may be run by name, each followed by a space.
func (r *Runner) commandNames() []string {
	var out []string
	for n := range builtins {
		if !r.disabled[n] {
			out = append(out, n+" ")
		}
	}
	for n := range keywords {
		out = append(out, n+" ")
	}
	for n := range r.funcs {
		out = append(out, n+" ")
	}
	for n := range r.aliases {
		out = append(out, n+" ")
	}
	for _, dir := range filepath.SplitList(r.getString("PATH")) {
		if dir == "" {
			dir = "."
		}
		ents, err := os.ReadDir(r.absPath(dir))
		if err != nil {
			continue
		}
		for _, e := range ents {
			if e.IsDir() {
				continue
			}
			info, err := e.Info()
			if err != nil {
				continue
			}
			if info.Mode()&os.ModeSymlink != 0 {
				if info, err = os.Stat(filepath.Join(r.absPath(dir), e.Name())); err != nil || info.IsDir() {
					continue
				}
			}
			if info.Mode()&0o111 != 0 {
				out = append(out, quoteCompletion(e.Name())+" ")
			}
		}
	}
	return out
}

// fileNames lists the files whose names complete word: directories end
// in "/", other files in " " (only executables when commands is set).
// Names starting with a dot are offered when the word's last part does.
func (r *Runner) fileNames(word string, commands bool) []string {
	dirPart := ""
	if i := strings.LastIndexByte(word, '/'); i >= 0 {
		dirPart = word[:i+1]
	}
	base := word[len(dirPart):]
	dir := removeBackslashes(dirPart)
	if strings.HasPrefix(dir, "~") {
		home := r.getString("HOME")
		if dir == "~" || strings.HasPrefix(dir, "~/") {
			dir = home + dir[1:]
		}
	}
	lookIn := dir
	if lookIn == "" {
		lookIn = "."
	}
	ents, err := os.ReadDir(r.absPath(lookIn))
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range ents {
		name := e.Name()
		if strings.HasPrefix(name, ".") && !strings.HasPrefix(base, ".") {
			continue
		}
		full := filepath.Join(r.absPath(lookIn), name)
		info, err := os.Stat(full)
		if err != nil {
			continue
		}
		switch {
		case info.IsDir():
			out = append(out, dirPart+quoteCompletion(name)+"/")
		case !commands || info.Mode()&0o111 != 0:
			out = append(out, dirPart+quoteCompletion(name)+" ")
		}
	}
	return out
}

// quoteCompletion backslash-escapes the characters of a file name that
// the shell would otherwise split on or expand.
func quoteCompletion(s string) string {
	var sb strings.Builder
	for i := 0; i < len(s); i++ {
		if strings.IndexByte(" \t\n\"'\\$`|&;()<>*?[]{}!#~", s[i]) >= 0 {
			sb.WriteByte('\\')
		}
		sb.WriteByte(s[i])
	}
	return sb.String()
}

// devPathRe finds the host of a /dev/tcp or /dev/udp path in typed text.
// It is compiled on first use (completion at a prompt), not at start-up.
var devPathRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`/dev/(?:tcp|udp)/([^/\s'"]+)/`)
})

// completionHosts lists host names for /dev/tcp/ and /dev/udp/: those of
// the hosts file and those used in the session's history.
func (r *Runner) completionHosts() []string {
	hosts := []string{"localhost"}
	if f, err := os.Open(hostsFile); err == nil {
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			l, _, _ := strings.Cut(sc.Text(), "#")
			fields := strings.Fields(l)
			if len(fields) > 1 {
				hosts = append(hosts, fields[1:]...)
			}
		}
		f.Close()
	}
	for _, e := range r.sess.hist.Entries() {
		for _, m := range devPathRe().FindAllStringSubmatch(e, -1) {
			if !strings.ContainsAny(m[1], "$`") {
				hosts = append(hosts, m[1])
			}
		}
	}
	return hosts
}
