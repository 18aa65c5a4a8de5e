//go:build linux

package diskcache

import (
	"os"
	"syscall"
)

// stampOf reads a file's stamp; known is false when stat gives no change
// time, and then no stamp can tell an edit in place.
func stampOf(info os.FileInfo) (s stamp, known bool) {
	s = stamp{size: info.Size(), mtime: info.ModTime().UnixNano()}
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return s, false
	}
	s.ctime, s.ino, s.dev = st.Ctim.Nano(), uint64(st.Ino), uint64(st.Dev)
	return s, true
}
