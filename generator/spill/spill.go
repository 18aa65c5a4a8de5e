// Package spill keeps text that a build writes once and reads a few times
// (the converted bodies of its entries) in a temporary file instead of the
// heap. At 10,000 releases the bodies are 63 MB that every collection would
// otherwise find live from the Markdown stage to the last page, and that
// leave the collector that much less room under the build's memory limit.
//
// The file is removed from its folder as soon as it is made (where the
// system allows; else when the File is closed or collected), so nothing is
// left behind whatever happens to the process. Reads go through the
// operating system's page cache, which is not the process's memory.
package spill

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"sync"
	"sync/atomic"
	"unsafe"
)

// File is an append-only store of byte strings. Put and Get are safe to
// call from many goroutines at once.
type File struct {
	f       *os.File
	end     atomic.Int64 // where the next Put writes
	removed bool         // the name is gone already
	cleanup runtime.Cleanup
	once    sync.Once
	err     error
}

type opened struct {
	f       *os.File
	removed bool
}

// Ref is where Put wrote a string; the zero Ref is the empty string.
type Ref struct {
	file *File
	off  int64
	n    int
}

// New makes a spill file in dir ("" is the system's temporary folder).
func New(dir string) (*File, error) {
	f, err := os.CreateTemp(dir, "pressroom-spill-*")
	if err != nil {
		return nil, fmt.Errorf("spill: %w", err)
	}
	s := &File{f: f}
	s.removed = os.Remove(f.Name()) == nil // open, it stays readable
	s.cleanup = runtime.AddCleanup(s, func(o opened) { closeFile(o.f, !o.removed) }, opened{f, s.removed})
	return s, nil
}

// Put writes data and says where.
func (s *File) Put(data string) (Ref, error) {
	if len(data) == 0 {
		return Ref{}, nil
	}
	off := s.end.Add(int64(len(data))) - int64(len(data))
	// WriteAt only reads the bytes: no copy of them is needed.
	if _, err := s.f.WriteAt(unsafe.Slice(unsafe.StringData(data), len(data)), off); err != nil {
		return Ref{}, fmt.Errorf("keeping a converted body in the temporary folder: %w (free space there, or point TMPDIR at a folder with room)", err)
	}
	return Ref{file: s, off: off, n: len(data)}, nil
}

// Size is how many bytes have been put in the file.
func (s *File) Size() int64 { return s.end.Load() }

// Len is how many bytes the reference holds.
func (r Ref) Len() int { return r.n }

// Get reads back what Put wrote.
func (r Ref) Get() (string, error) {
	if r.n == 0 {
		return "", nil
	}
	buf := make([]byte, r.n)
	if _, err := r.file.f.ReadAt(buf, r.off); err != nil {
		if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		return "", fmt.Errorf("spill: %w", err)
	}
	return unsafe.String(&buf[0], len(buf)), nil // buf is nobody else's: the string is immutable
}

// Close releases the file; later Gets fail. It is optional: an unreferenced
// File closes itself.
func (s *File) Close() error {
	s.once.Do(func() {
		s.cleanup.Stop() // else it would close the file again, and remove a name that may be another's by then
		s.err = closeFile(s.f, !s.removed)
	})
	return s.err
}

func closeFile(f *os.File, remove bool) error {
	err := f.Close()
	if remove {
		os.Remove(f.Name()) // where the system could not remove an open file
	}
	if errors.Is(err, os.ErrClosed) {
		return nil
	}
	return err
}
