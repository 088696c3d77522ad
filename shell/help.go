package shell

import (
	"context"
	"fmt"
	"path"
	"sort"
	"strings"
)

// helpEntry is one builtin's help: its synopsis line and a description.
type helpEntry struct{ synopsis, text string }

// builtinHelp is what `help NAME` prints: a synopsis and a description,
// written for tcpsh (the differences from bash and the tools builtins
// stand in for are stated where they matter).
var builtinHelp = map[string]helpEntry{
	":":         {": [arguments]", "Do nothing; the status is 0. The arguments are expanded."},
	"true":      {"true", "Return a status of 0."},
	"false":     {"false", "Return a status of 1."},
	".":         {". filename [arguments]", "Read and run the commands of FILENAME in the current shell; ARGUMENTS become the positional parameters meanwhile. A name without a slash is looked up in PATH."},
	"source":    {"source filename [arguments]", "The same as `.'."},
	"[":         {"[ arg... ]", "The same as `test', with a final `]'."},
	"test":      {"test [expr]", "Evaluate a conditional expression: file tests (-e -f -d -r -w -x -s -L ...), string tests (-z -n = != < >), integer comparisons (-eq -ne -lt -le -gt -ge), combined with ! -a -o and parentheses. Status 0 for true, 1 for false, 2 for an error."},
	"alias":     {"alias [-p] [name[=value] ... ]", "Define or show aliases. Aliases expand in the interactive shell and, with `shopt -s expand_aliases', in scripts, from the line after the one that defines them."},
	"unalias":   {"unalias [-a] name [name ...]", "Remove aliases; -a removes all of them."},
	"break":     {"break [n]", "Leave the innermost N enclosing for, while or until loops (default 1)."},
	"continue":  {"continue [n]", "Go on with the next iteration of the Nth enclosing loop (default 1)."},
	"builtin":   {"builtin [shell-builtin [arg ...]]", "Run a shell builtin even when a function of that name exists."},
	"command":   {"command [-pVv] command [arg ...]", "Run COMMAND ignoring functions (a builtin still runs as a builtin); -v and -V describe it instead."},
	"enable":    {"enable [-n] [name ...]", "Enable builtins, or with -n disable them, so that a program of that name runs instead (`enable -n cat' runs /bin/cat)."},
	"type":      {"type [-afptP] name [name ...]", "Say how each NAME would be interpreted: alias, keyword, function, builtin or file."},
	"cd":        {"cd [-L|-P] [dir]", "Change the session's working directory (default $HOME; `-' is $OLDPWD). The directory belongs to this shell context; subshells have their own."},
	"pwd":       {"pwd [-LP]", "Print the working directory; -P resolves symbolic links."},
	"echo":      {"echo [-neE] [arg ...]", "Write the arguments, separated by spaces and followed by a newline. -n: no newline; -e: interpret backslash escapes; -E: do not. Written in one write: on a UDP socket, one datagram."},
	"printf":    {"printf [-v var] format [arguments]", "Format and print ARGUMENTS under FORMAT, as bash's printf: %s %b %q %d %i %o %u %x %X %e %f %g %a %c %(fmt)T, flags, widths, precisions, and format reuse. -v assigns the result to VAR."},
	"read":      {"read [-ers] [-a array] [-d delim] [-i text] [-n nchars] [-N nchars] [-p prompt] [-t timeout] [-u fd] [name ...]", "Read one line (or -d DELIM, -n/-N characters) and split it on IFS into the NAMEs (default REPLY). It consumes exactly what it returns, so the next reader of the same fd, builtin or program, gets the rest. -t fails with a status above 128 on timeout; -t 0 only tests for input."},
	"mapfile":   {"mapfile [-d delim] [-n count] [-O origin] [-s count] [-t] [-u fd] [-C callback] [-c quantum] [array]", "Read lines into an indexed array (default MAPFILE)."},
	"readarray": {"readarray [-d delim] [-n count] [-O origin] [-s count] [-t] [-u fd] [-C callback] [-c quantum] [array]", "The same as `mapfile'."},
	"cat":       {"cat [-AbeEnstTuv] [file ...]", "Copy files (or stdin, `-') to stdout in-process, with GNU cat's options and messages. Socket and file copies use the kernel's splice or sendfile. An option it does not know runs the cat program from PATH instead."},
	"eval":      {"eval [arg ...]", "Join the arguments with spaces and run the result as shell commands in the current shell."},
	"exec":      {"exec [command [argument ...]] [redirections]", "Without a command, make the redirections permanent (`exec 8<>/dev/tcp/host/80', `exec 8<&-'). With one, run it and exit with its status: tcpsh cannot replace its process and keep its fd table."},
	"exit":      {"exit [n]", "Leave the shell with status N (default $?), running the EXIT trap."},
	"return":    {"return [n]", "Return from a function or sourced file with status N (default $?)."},
	"export":    {"export [-fn] [name[=value] ...] or export -p", "Mark variables for the environment of programs; -n unmarks."},
	"readonly":  {"readonly [-aAf] [name[=value] ...] or readonly -p", "Mark variables read-only."},
	"declare":   {"declare [-aAfFgiIlnrtux] [name[=value] ...] or declare -p [-aAfFilnrtux] [name ...]", "Set variables' values and attributes: -a indexed array, -A associative array, -i integer, -l/-u lower/upper case, -n name reference, -r read-only, -x exported, -g global; -p prints, -f/-F list functions."},
	"typeset":   {"typeset [-aAfFgiIlnrtux] name[=value] ... or typeset -p [-aAfFilnrtux] [name ...]", "The same as `declare'."},
	"local":     {"local [option] name[=value] ...", "Declare variables local to the running function (options as for declare)."},
	"unset":     {"unset [-f] [-v] [-n] [name ...]", "Remove variables, array elements (a[i]) or, with -f, functions."},
	"set":       {"set [-aCefnuvx] [-o option-name] [--] [-] [arg ...]", "Set shell options (-e errexit, -u nounset, -x xtrace, -o pipefail, -C noclobber, ...) or, after them, the positional parameters. Without arguments, list the variables."},
	"shopt":     {"shopt [-pqsuo] [optname ...]", "Set (-s) or unset (-u) shell options such as nullglob, dotglob, extglob, globstar, nocasematch, expand_aliases, lastpipe, failglob; -q only sets the status."},
	"shift":     {"shift [n]", "Drop the first N positional parameters (default 1)."},
	"getopts":   {"getopts optstring name [arg ...]", "Parse options from the positional parameters (or ARGs), one per call, using OPTIND and OPTARG."},
	"let":       {"let arg [arg ...]", "Evaluate arithmetic expressions; the status is 1 when the last one is 0."},
	"wait":      {"wait [-n] [-p var] [id ...]", "Wait for background jobs (all, the IDs given, or with -n the next to finish) and return the last one's status."},
	"jobs":      {"jobs [-p]", "List the background jobs of this shell."},
	"kill":      {"kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]", "Send a signal to processes or jobs. A job that runs inside tcpsh (a builtin, a function, a compound command) has a $! above 4194304 and is cancelled as if by the signal."},
	"sleep":     {"sleep NUMBER[SUFFIX]...", "Pause for the sum of the intervals (s, m, h, d suffixes, fractions, `infinity'), as coreutils' sleep, without starting a process. Interrupted by Ctrl-C."},
	"trap":      {"trap [-lp] [[action] signal_spec ...]", "Run ACTION when a signal arrives (between commands, as in bash) or on EXIT, ERR, DEBUG, RETURN; `' ignores the signal in tcpsh, `-' restores the default. An untrapped fatal signal runs the EXIT trap, then kills tcpsh with that signal."},
	"ulimit":    {"ulimit [-SHa] [-n [limit]]", "Show or set the limit on open files (what the shell and the programs it starts may open). tcpsh's own internal descriptors count against it."},
	"umask":     {"umask [-p] [-S] [mode]", "Show or set the file-creation mask, in octal or symbolically."},
	"help":      {"help [-s] [pattern ...]", "Describe builtins; -s prints only the synopsis. PATTERN may use shell wildcards."},
	"caller":    {"caller [expr]", "Print the line, function and file of the current call, or of the EXPRth frame above it."},
	"compgen":   {"compgen [-abfkv] [-A action] [-W wordlist] [word]", "List possible completions of WORD: aliases, builtins, functions, keywords, variables, or the words of WORDLIST."},
	"pushd":     {"pushd [-n] [+N | -N | dir]", "Push a directory onto the directory stack and change to it, or rotate the stack."},
	"popd":      {"popd [-n] [+N | -N]", "Remove a directory from the directory stack and change to the new top."},
	"dirs":      {"dirs [-clpv] [+N] [-N]", "Show the directory stack."},
	"fd":        {"fd [-l] [--json] [fd ...] or fd -T secs fd ...", "List the session's open fds: mode, type (tty, file, pipe, null, tcp, tls, udp, tcp-listen, udp-listen), target (for sockets `local -> remote', `local <- peer' for accepted ones, the host as written, the TLS version and certificate subject), state (LISTEN, ESTABLISHED, CLOSE_WAIT, RESET, /SHUT_WR after halfclose, the idle timeout and when it fired, traced), bytes in and out, age; `= N' marks fds sharing one description. -l adds the OS fd, inode and kernel object; --json prints JSON lines. -T SECS sets the idle timeout of the sockets FD... (0 clears it): a read that waits that long with nothing arriving ends as at end of file and the connection stays open."},
	"lsof":      {"lsof [-a] [-p pid] [-i [spec]] [-nPt]", "Answer `lsof -p $$' (alone or ANDed with -a -i selections) from the session's fd table, in the real lsof's columns with this shell's fd numbers. Any other query runs the lsof program from PATH."},
}

func bHelp(ctx context.Context, c *Call) int {
	args := c.Args
	short := false
	if len(args) > 0 && args[0] == "-s" {
		short, args = true, args[1:]
	}
	if len(args) == 0 {
		fmt.Fprintf(c, "tcpsh, version %s\nThese shell commands are defined internally. Type `help name' to find out more about the function `name'.\n\n", Version)
		names := make([]string, 0, len(builtinHelp))
		for n := range builtinHelp {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			fmt.Fprintf(c, " %s\n", builtinHelp[n].synopsis)
		}
		return 0
	}
	status := 0
	for _, pat := range args {
		var names []string
		for n := range builtinHelp {
			if ok, _ := path.Match(pat, n); ok || n == pat {
				names = append(names, n)
			}
		}
		if len(names) == 0 {
			c.Errorf("no help topics match `%s'.  Try `help help' or `man -k %s' or `info %s'.", pat, pat, pat)
			status = 1
			continue
		}
		sort.Strings(names)
		for _, n := range names {
			h := builtinHelp[n]
			fmt.Fprintf(c, "%s: %s\n", n, h.synopsis)
			if !short {
				fmt.Fprintf(c, "    %s\n", wrapText(h.text, 72, "    "))
			}
		}
	}
	return status
}

// wrapText breaks text into lines of at most width bytes, joining them
// with a newline and indent.
func wrapText(text string, width int, indent string) string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(text) {
		if line != "" && len(line)+1+len(w) > width {
			lines = append(lines, line)
			line = w
			continue
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	lines = append(lines, line)
	return strings.Join(lines, "\n"+indent)
}
