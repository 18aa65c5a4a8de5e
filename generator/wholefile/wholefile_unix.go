//go:build unix

package wholefile

import (
	"io"
	"io/fs"
	"syscall"
)

// File is a file opened by this package: a descriptor and its name. It is
// not safe for use by several goroutines at once, and must be closed.
type File struct {
	fd   int
	path string
}

func open(path string) (*File, error) {
	fd, err := retry(func() (int, error) { return syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC, 0) })
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: path, Err: err}
	}
	return &File{fd: fd, path: path}, nil
}

func create(path string) (*File, error) {
	fd, err := retry(func() (int, error) {
		return syscall.Open(path, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_EXCL|syscall.O_CLOEXEC, 0o644)
	})
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: path, Err: err}
	}
	return &File{fd: fd, path: path}, nil
}

func read(path string, limit int64) ([]byte, error) {
	f, err := open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var st syscall.Stat_t
	if err := syscall.Fstat(f.fd, &st); err != nil {
		return nil, &fs.PathError{Op: "stat", Path: path, Err: err}
	}
	if st.Mode&syscall.S_IFMT == syscall.S_IFDIR {
		return nil, &fs.PathError{Op: "read", Path: path, Err: syscall.EISDIR}
	}
	if limit >= 0 && st.Size > limit {
		return nil, &TooLarge{Path: path, Size: st.Size}
	}
	// One byte more than the size: a regular file that gives exactly its
	// size and no more is whole, without another call to find its end.
	size := max(st.Size, 0)
	regular := st.Mode&syscall.S_IFMT == syscall.S_IFREG
	buf := make([]byte, 0, size+1)
	for {
		n, err := f.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if limit >= 0 && int64(len(buf)) > limit {
			return nil, &TooLarge{Path: path, Size: int64(len(buf))} // it grew while read
		}
		if err == io.EOF || (err == nil && regular && int64(len(buf)) == size && n > 0 && len(buf) < cap(buf)) {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)] // it is larger than it said: grow
		}
	}
}

// Read implements io.Reader.
func (f *File) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	n, err := retry(func() (int, error) { return syscall.Read(f.fd, p) })
	if err != nil {
		return 0, &fs.PathError{Op: "read", Path: f.path, Err: err}
	}
	if n == 0 {
		return 0, io.EOF
	}
	return n, nil
}

// Write implements io.Writer: it writes all of p or returns an error.
func (f *File) Write(p []byte) (int, error) {
	done := 0
	for done < len(p) {
		n, err := retry(func() (int, error) { return syscall.Write(f.fd, p[done:]) })
		if err != nil {
			return done, &fs.PathError{Op: "write", Path: f.path, Err: err}
		}
		if n == 0 {
			return done, &fs.PathError{Op: "write", Path: f.path, Err: io.ErrShortWrite}
		}
		done += n
	}
	return done, nil
}

// Close closes the file; a second Close is an error.
func (f *File) Close() error {
	if f.fd < 0 {
		return &fs.PathError{Op: "close", Path: f.path, Err: fs.ErrClosed}
	}
	err := syscall.Close(f.fd)
	f.fd = -1
	if err != nil && err != syscall.EINTR { // after EINTR the descriptor is gone all the same
		return &fs.PathError{Op: "close", Path: f.path, Err: err}
	}
	return nil
}

// retry repeats a call that a signal interrupted.
func retry(call func() (int, error)) (int, error) {
	for {
		n, err := call()
		if err != syscall.EINTR {
			return n, err
		}
	}
}
