package fdtable

import (
	"os"
	"slices"
	"sync"
	"syscall"
)

// Table is a shell session's descriptor table: numbered entries, each
// holding one reference to a Channel. It is safe for concurrent use.
//
// Numbers are virtual: fd 7 in a table need not be OS fd 7. They are
// limited like real ones: Set and Dup refuse numbers at or above the
// user's soft RLIMIT_NOFILE (EBADF), and CanOpen/OpenFile/AllocFD fail
// with EMFILE ("Too many open files") when no number below it is free,
// which is when open(2) would fail in bash.
type Table struct {
	mu   sync.Mutex
	ents map[int]*Channel
	// inherited is filled by Std and never changed afterwards, so clones
	// share it.
	inherited map[int]bool
}

// NewTable returns an empty table.
func NewTable() *Table {
	return &Table{ents: map[int]*Channel{}}
}

// Std returns a table with stdin, stdout and stderr at 0, 1 and 2 (not
// owned; nil leaves the number closed) and every descriptor >= 3 that the
// process inherited from its caller, at its own number, not owned, kind
// detected. The table takes the three files over as NewFile does (the
// process's os.Stdin/os.Stdout/os.Stderr are never closed).
//
// Inherited descriptors are found once per process: at package start-up
// (/proc/self/fd on Linux, /dev/fd or an fcntl probe elsewhere), keeping
// only those without close-on-exec, so the Go runtime's own (epoll,
// eventfd, pipes: all close-on-exec) are skipped. When imported they are
// marked close-on-exec, so external commands get them only through the
// table. All tables made by Std share one Channel per inherited
// descriptor; once it has been released everywhere it is closed, and
// later Std calls leave that number closed.
func Std(stdin, stdout, stderr *os.File) *Table {
	t := NewTable()
	t.inherited = map[int]bool{}
	for fd, f := range []*os.File{stdin, stdout, stderr} {
		t.inherited[fd] = true
		if f == nil {
			continue
		}
		mode := Read
		if fd > 0 {
			mode = Write
		}
		t.ents[fd] = NewFile(f, stdMode(f, mode), stdPath(f), false)
	}
	for fd, c := range importInherited() {
		t.ents[fd] = c
		t.inherited[fd] = true
	}
	return t
}

// Inherited reports whether fd was inherited from tcpsh's caller (0, 1, 2
// in a table made by Std, and the descriptors Std imported), whether or
// not it is still open.
func (t *Table) Inherited(fd int) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.inherited[fd]
}

// checkFD reports EBADF for a number that cannot be used.
func checkFD(fd int) error {
	if fd < 0 || fd >= 3 && uint64(fd) >= softLimit() {
		return badFD(fd)
	}
	return nil
}

// CheckFD returns an *FDError with EBADF if fd is outside the usable
// range: negative, or at or above the user's soft RLIMIT_NOFILE. Use it
// before Swap, which does not check.
func (t *Table) CheckFD(fd int) error { return checkFD(fd) }

// Get returns the channel at fd without adding a reference: the pointer
// is borrowed and stays usable while the entry stays. Use Acquire when
// another goroutine may change the entry meanwhile. A closed fd gives an
// *FDError wrapping syscall.EBADF ("9: Bad file descriptor").
func (t *Table) Get(fd int) (*Channel, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if c := t.ents[fd]; c != nil {
		return c, nil
	}
	return nil, badFD(fd)
}

// Acquire is Get plus a reference owned by the caller, who must Release
// it.
func (t *Table) Acquire(fd int) (*Channel, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if c := t.ents[fd]; c != nil {
		c.ref()
		return c, nil
	}
	return nil, badFD(fd)
}

// Set installs c at fd, taking over the caller's reference, and releases
// the entry it replaces. c == nil closes fd. If fd is out of range
// (negative, or >= the soft RLIMIT_NOFILE) it returns an *FDError with
// EBADF and does not take the reference: the caller still owns c.
func (t *Table) Set(fd int, c *Channel) error {
	if err := checkFD(fd); err != nil {
		return err
	}
	t.mu.Lock()
	prev := t.put(fd, c)
	t.mu.Unlock()
	prev.Release()
	return nil
}

// put stores c (nil: delete) and returns the previous entry (caller holds
// t.mu).
func (t *Table) put(fd int, c *Channel) *Channel {
	prev := t.ents[fd]
	if c == nil {
		delete(t.ents, fd)
	} else {
		t.ents[fd] = c
	}
	return prev
}

// Dup makes newfd refer to oldfd's channel, like dup2: one more
// reference, the previous entry at newfd released. oldfd closed (or
// either number out of range) gives an *FDError with EBADF. oldfd ==
// newfd does nothing.
func (t *Table) Dup(oldfd, newfd int) error {
	if err := checkFD(newfd); err != nil {
		return err
	}
	t.mu.Lock()
	c := t.ents[oldfd]
	if c == nil {
		t.mu.Unlock()
		return badFD(oldfd)
	}
	if oldfd == newfd {
		t.mu.Unlock()
		return nil
	}
	c.ref()
	prev := t.put(newfd, c)
	t.mu.Unlock()
	prev.Release()
	return nil
}

// Move is Dup followed by Close(oldfd) (bash's n>&m-).
func (t *Table) Move(oldfd, newfd int) error {
	if err := t.Dup(oldfd, newfd); err != nil || oldfd == newfd {
		return err
	}
	t.Close(oldfd)
	return nil
}

// Close releases the entry at fd; nothing happens if fd is not open.
func (t *Table) Close(fd int) {
	t.mu.Lock()
	prev := t.put(fd, nil)
	t.mu.Unlock()
	prev.Release()
}

// Swap installs c at fd (nil closes fd), taking over the caller's
// reference, and returns the previous channel (nil if fd was closed)
// WITHOUT releasing it: its reference now belongs to the caller, who
// normally hands it back with Restore. Swap does not check the range (see
// Valid).
func (t *Table) Swap(fd int, c *Channel) (prev *Channel) {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.put(fd, c)
}

// Restore undoes Swap: it releases whatever is at fd now and puts prev
// back, taking over prev's reference (nil leaves fd closed).
func (t *Table) Restore(fd int, prev *Channel) {
	t.mu.Lock()
	cur := t.put(fd, prev)
	t.mu.Unlock()
	cur.Release()
}

// Clone returns a table with the same entries, each with a new reference
// (for subshells, pipeline elements, background jobs). Opening and
// closing numbers in one table does not affect the other; reads, writes
// and offsets are shared, as after fork.
func (t *Table) Clone() *Table {
	t.mu.Lock()
	defer t.mu.Unlock()
	n := &Table{ents: make(map[int]*Channel, len(t.ents)), inherited: t.inherited}
	for fd, c := range t.ents {
		c.ref()
		n.ents[fd] = c
	}
	return n
}

// ReleaseAll closes every entry.
func (t *Table) ReleaseAll() {
	t.mu.Lock()
	ents := t.ents
	t.ents = map[int]*Channel{}
	t.mu.Unlock()
	for _, c := range ents {
		c.Release()
	}
}

// LowestFree returns the lowest number >= from that is not open in t
// (bash's {var}> uses from = 10). Like bash, which asks the kernel with
// fcntl(F_DUPFD), it does not skip numbers that were inherited and have
// since been closed, and it does not check the limit (AllocFD does).
func (t *Table) LowestFree(from int) int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.lowestFree(from)
}

func (t *Table) lowestFree(from int) int {
	if from < 0 {
		from = 0
	}
	for t.ents[from] != nil {
		from++
	}
	return from
}

// HighestFree returns the highest number <= from that is not open in t,
// or -1 if all of 0..from are open (bash gives process substitutions
// /dev/fd/63, then 62, ...).
func (t *Table) HighestFree(from int) int {
	t.mu.Lock()
	defer t.mu.Unlock()
	for ; from >= 0; from-- {
		if t.ents[from] == nil {
			return from
		}
	}
	return -1
}

// AllocFD installs c at the lowest free number >= from and returns it,
// taking over the caller's reference. When that number would be at or
// above the soft RLIMIT_NOFILE it returns an *FDError{FD: -1} wrapping
// syscall.EMFILE and the caller keeps c.
func (t *Table) AllocFD(from int, c *Channel) (int, error) {
	lim := softLimit()
	t.mu.Lock()
	defer t.mu.Unlock()
	fd := t.lowestFree(from)
	if uint64(fd) >= lim {
		return -1, &FDError{FD: -1, Err: syscall.EMFILE}
	}
	t.put(fd, c)
	return fd, nil
}

// FDs returns the open numbers in ascending order.
func (t *Table) FDs() []int {
	t.mu.Lock()
	defer t.mu.Unlock()
	fds := make([]int, 0, len(t.ents))
	for fd := range t.ents {
		fds = append(fds, fd)
	}
	slices.Sort(fds)
	return fds
}

// CanOpen reports whether n more descriptions could be opened: an
// *FDError{FD: -1} wrapping syscall.EMFILE when fewer than n numbers below
// the soft RLIMIT_NOFILE are free in t. That is the kernel's rule for
// open(2) and pipe(2), which take the lowest free numbers; like the
// kernel, it looks only as far as it must, so a table with free low
// numbers answers at once however many fds are open above them.
func (t *Table) CanOpen(n int) error {
	if n <= 0 {
		return nil
	}
	lim := softLimit()
	t.mu.Lock()
	defer t.mu.Unlock()
	for fd := 0; uint64(fd) < lim; fd++ {
		if t.ents[fd] == nil {
			if n--; n == 0 {
				return nil
			}
		}
	}
	return &FDError{FD: -1, Err: syscall.EMFILE}
}

// OpenFile is the package's OpenFile after CanOpen(1): when the table is
// full it fails with an *os.PathError wrapping syscall.EMFILE
// ("/dev/null: Too many open files" in bash's words). The channel is not
// installed; it holds one reference, owned by the caller.
func (t *Table) OpenFile(path string, flag int, perm os.FileMode) (*Channel, error) {
	if err := t.CanOpen(1); err != nil {
		return nil, &os.PathError{Op: "open", Path: path, Err: syscall.EMFILE}
	}
	return openFile(path, flag, perm)
}

// Pipe is the package's Pipe after CanOpen(2): when the table has fewer
// than two free numbers it fails with an *FDError{FD: -1} wrapping
// syscall.EMFILE. The ends are not installed; each holds one reference,
// owned by the caller.
func (t *Table) Pipe() (r, w *Channel, err error) {
	if err := t.CanOpen(2); err != nil {
		return nil, nil, err
	}
	return Pipe()
}
