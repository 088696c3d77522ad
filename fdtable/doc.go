// Package fdtable is tcpsh's virtual file descriptor table.
//
// A [Table] maps descriptor numbers to [Channel]s the way a process's
// descriptor table maps numbers to kernel open file descriptions: each
// entry holds one reference to a channel, dup'd numbers and cloned tables
// (subshells, pipeline elements, background jobs) share channels, and a
// channel's file or socket is closed when its last reference goes. Reads,
// writes, the read-ahead buffer and the byte counters belong to the
// channel and so are shared; opening and closing numbers belongs to the
// table.
//
// # Ownership
//
// Every constructor (NewFile, NewConn, OpenFile, Pipe, Table.OpenFile)
// returns a channel holding one reference that belongs to the caller. The
// caller passes it on with Table.Set, Table.Swap, Table.Restore or
// Table.AllocFD (which take it over on success), or gives it up with
// Channel.Release. Table.Get lends a channel without a reference;
// Table.Acquire and ChildFile add one (released by Release and by the
// release function respectively). Table.Swap hands the displaced
// channel's reference to the caller.
//
// # Reading like bash
//
// Channels tcpsh opened itself ("owned") are read with a buffer;
// descriptors it inherited are read so that exactly what a builtin
// consumes leaves the description (see ReadDelim), which keeps
// `printf 'a\nb\n' | { tcpsh -c 'read x'; cat; }` printing "b". Buffered
// bytes are never lost: ChildFile seeks files back or bridges them to
// external commands.
//
// # Zero-copy
//
// Channel implements io.ReaderFrom and io.WriterTo by delegating to the
// concrete *os.File or *net.TCPConn (also when the other side is a
// Channel), so io.Copy between channels, files and sockets still uses
// splice(2), sendfile(2) and copy_file_range(2). Counters are updated from
// the returned byte counts.
//
// # Idle timeouts and wire traces
//
// SetIdleTimeout makes a read that waits that long with nothing arriving
// end as at end of file, leaving the connection open (idle.go). SetTrace
// writes every byte crossing the channel to a Tracer, socat -v style
// (trace.go); a traced channel is always bridged to external commands.
// While either is set, copies use the channel's own reads and writes
// instead of the zero-copy paths.
//
// # Child processes and blocking mode
//
// O_NONBLOCK belongs to the open description, and children need blocking
// descriptors. ChildFile makes the description blocking while any child
// holds it and restores non-blocking mode after the last one is released,
// so that read deadlines (read -t, Ctrl-C) work again. Meanwhile
// ReadContext waits with poll(2) and a wake-up pipe instead. A read (or
// zero-copy copy, or accept) already waiting on the non-blocking
// descriptor when the first child comes is interrupted first and goes on
// with poll(2), so that no read blocks in the kernel out of reach of its
// deadline (blockmode.go).
//
// # Broken pipes
//
// Write returns an error wrapping syscall.EPIPE (IsBrokenPipe) when the
// reader of a pipe or the peer of a socket is gone, and one wrapping
// syscall.ECONNRESET (IsReset) after a reset; the channel's State then
// says "Broken pipe" or "RESET". Nothing is killed; the shell
// decides. What bash 5.2 does (checked): a builtin writing to a pipe or
// socket with no reader kills that bash process with SIGPIPE (status 141,
// e.g. `bash -c 'sleep 1; echo hi' | true`; the main shell too), unless
// SIGPIPE is ignored (trap "" PIPE): then the builtin prints "echo: write error:
// Broken pipe" and returns 1. Use c.Kind() and c.Owned() to tell pipes and
// sockets from files.
//
// The Go runtime kills the whole process with SIGPIPE when a write to OS
// fd 1 or 2 fails with EPIPE, unless SIGPIPE is being notified. So the
// shell should call signal.Notify(ch, syscall.SIGPIPE) once at start-up
// (draining or ignoring ch). It must not use signal.Ignore(syscall.SIGPIPE):
// an ignored SIGPIPE stays ignored in external commands, and `yes | head -1`
// would no longer stop yes by the signal. With Notify, children start with
// the default action.
//
// # Limits
//
// NoFileLimit reports the user's RLIMIT_NOFILE, which the Go runtime hides
// (it raises its own soft limit before main); SetNoFileLimit sets it. The
// tables enforce it on numbers (EBADF) and on opening (EMFILE), see Table.
package fdtable
