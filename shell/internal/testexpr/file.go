package testexpr

import (
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Access modes for eaccess, as in access(2).
const (
	accessExec  = 1
	accessWrite = 2
	accessRead  = 4
)

// virtualFD maps the paths bash treats as descriptor names to a descriptor
// number: /dev/fd/N, /dev/stdin, /dev/stdout and /dev/stderr.
func virtualFD(path string) (int, bool) {
	switch path {
	case "/dev/stdin":
		return 0, true
	case "/dev/stdout":
		return 1, true
	case "/dev/stderr":
		return 2, true
	}
	rest, ok := strings.CutPrefix(path, "/dev/fd/")
	// Only plain digits without a leading zero; ParseInt would take a sign.
	if !ok || rest == "" || rest[0] < '0' || rest[0] > '9' || (rest[0] == '0' && rest != "0") {
		return 0, false
	}
	n, err := strconv.ParseInt(rest, 10, 32)
	if err != nil {
		return 0, false
	}
	return int(n), true
}

// resolve makes a relative path absolute against the shell's directory
// without cleaning it (so "file/" and "link/.." keep their meaning).
func (env *Env) resolve(path string) string {
	if env.Getwd == nil || filepath.IsAbs(path) {
		return path
	}
	dir := env.Getwd()
	if dir == "" {
		return path
	}
	if os.IsPathSeparator(dir[len(dir)-1]) {
		return dir + path
	}
	return dir + string(filepath.Separator) + path
}

// stat follows symlinks; it reports whether the file exists, its info, and
// whether it was described by the shell's fd table.
func (env *Env) stat(path string) (fi fs.FileInfo, viaFD bool, ok bool) {
	if path == "" {
		return nil, false, false
	}
	if env.FDStat != nil {
		if fd, isFD := virtualFD(path); isFD {
			fi, err := env.FDStat(fd)
			return fi, true, err == nil && fi != nil
		}
	}
	fi, err := os.Stat(env.resolve(path))
	return fi, false, err == nil
}

// isSymlink implements -h and -L.
func (env *Env) isSymlink(path string) bool {
	if path == "" {
		return false
	}
	if env.FDStat != nil && strings.HasPrefix(path, "/dev/fd/") {
		// On Linux /dev/fd/N is a symlink exactly when N is open.
		if fd, isFD := virtualFD(path); isFD {
			_, err := env.FDStat(fd)
			return err == nil
		}
	}
	fi, err := os.Lstat(env.resolve(path))
	return err == nil && fi.Mode()&fs.ModeSymlink != 0
}

// fileTest implements the unary file operators; op is the letter.
func fileTest(env *Env, op byte, path string) bool {
	if op == 'h' || op == 'L' {
		return env.isSymlink(path)
	}
	fi, viaFD, ok := env.stat(path)
	if !ok {
		return false
	}
	m := fi.Mode()
	switch op {
	case 'a', 'e':
		return true
	case 'f':
		return m.IsRegular()
	case 'd':
		return m.IsDir()
	case 's':
		return fi.Size() > 0
	case 'p':
		return m&fs.ModeNamedPipe != 0
	case 'S':
		return m&fs.ModeSocket != 0
	case 'c':
		return m&fs.ModeCharDevice != 0
	case 'b':
		return m&fs.ModeDevice != 0 && m&fs.ModeCharDevice == 0
	case 'u':
		return m&fs.ModeSetuid != 0
	case 'g':
		return m&fs.ModeSetgid != 0
	case 'k':
		return m&fs.ModeSticky != 0
	case 'O':
		uid, _, known := owner(fi)
		return known && uid == euid()
	case 'G':
		_, gid, known := owner(fi)
		return known && gid == egid()
	case 'N':
		atime, known := accessTime(fi)
		return known && fi.ModTime().After(atime)
	case 'r', 'w', 'x':
		mode := uint32(accessRead)
		if op == 'w' {
			mode = accessWrite
		} else if op == 'x' {
			mode = accessExec
		}
		if viaFD {
			return statAccess(fi, mode)
		}
		return eaccess(env.resolve(path), mode)
	}
	return false
}

// fileCompare implements -nt, -ot and -ef (following symlinks).
func fileCompare(env *Env, op, x, y string) bool {
	fx, _, okx := env.stat(x)
	fy, _, oky := env.stat(y)
	switch op {
	case "-nt":
		return okx && (!oky || fx.ModTime().After(fy.ModTime()))
	case "-ot":
		return oky && (!okx || fx.ModTime().Before(fy.ModTime()))
	default: // -ef
		return okx && oky && os.SameFile(fx, fy)
	}
}
