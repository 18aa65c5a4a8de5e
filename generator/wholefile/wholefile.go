// Package wholefile reads and writes whole files with as few system calls
// as the platform allows. A build reads and writes files by the hundred
// thousand (125,000 sources, 150,000 pages, 100,000 kits and as many disk
// cache entries at 100,000 releases), each small and each used once.
//
// os.Open and os.OpenFile make every file ready for Go's network poller:
// on Linux that is four fcntl calls and an epoll_ctl that fails for a
// regular file, beside the open, read or write and close the build needs.
// On Unix this package opens, reads, writes and closes the descriptor
// itself (open, fstat, read, close for a read; open, write, close for a
// write); elsewhere it is package os. Errors are *fs.PathError, as os
// gives, so errors.Is(err, fs.ErrNotExist) and the rest hold.
package wholefile

import (
	"fmt"
	"io"
)

// TooLarge is the error of a Read that refused a file over its limit.
type TooLarge struct {
	Path string
	Size int64 // the file's size when it was refused
}

func (e *TooLarge) Error() string {
	return fmt.Sprintf("%s: %d bytes, over the limit", e.Path, e.Size)
}

// Read returns the contents of the file at path. With limit >= 0 a file
// of more than limit bytes is refused with *TooLarge, before it is read
// when its size says so, and if it grew past the limit while read.
func Read(path string, limit int64) ([]byte, error) { return read(path, limit) }

// Create makes a new file at path for writing, with mode 0o644 (less the
// umask); a file already there is an error (fs.ErrExist).
func Create(path string) (*File, error) { return create(path) }

// Write makes a new file at path (as Create does) holding data.
func Write(path string, data []byte) error {
	f, err := create(path)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// Copy makes a new file at dst (as Create does) with the contents of the
// file at src, through buf.
func Copy(dst, src string, buf []byte) error {
	in, err := open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := create(dst)
	if err != nil {
		return err
	}
	for {
		n, err := in.Read(buf)
		if n > 0 {
			if _, werr := out.Write(buf[:n]); werr != nil {
				out.Close()
				return werr
			}
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			out.Close()
			return err
		}
	}
	return out.Close()
}
