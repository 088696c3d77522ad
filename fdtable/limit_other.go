//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package fdtable

import "errors"

// NoFileLimit reports no limit on this system.
func NoFileLimit() (soft, hard uint64, err error) { return Unlimited, Unlimited, nil }

// SetNoFileLimit is not supported on this system.
func SetNoFileLimit(soft, hard uint64) error { return errors.ErrUnsupported }
