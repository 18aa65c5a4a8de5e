//go:build unix

package output

import (
	"os"
	"syscall"
)

// lockDir takes an exclusive advisory lock on the folder at p, without
// waiting. A build holds the lock on its staging folder (and on the old
// output while it is moved aside) for as long as it runs, and the kernel
// drops it when the process ends, however it ends: a folder whose lock
// can be taken belongs to no running build. ok is false when another
// process holds it, or the folder cannot be opened.
func lockDir(p string) (unlock func(), ok bool) {
	f, err := os.Open(p)
	if err != nil {
		return nil, false
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		return nil, false
	}
	return func() { f.Close() }, true
}
