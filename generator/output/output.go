// Package output is the one writer every rendered file goes through. It
// refuses any name that would leave the destination, refuses to write one
// name twice (two outputs at one URL), and records what was written. A Dir
// builds into a staging folder beside the destination and swaps it in only
// when the whole build succeeded; a Memory keeps the site in memory for serve.
package output

import (
	"bufio"
	"fmt"
	"io"
	"path"
	"sort"
	"strings"
	"sync"

	"github.com/pressroom/pressroom/generator/layered"
)

// Writer receives a build's files by slash-separated names relative to the
// destination ("press/x/index.html"). It is safe for concurrent use.
type Writer interface {
	// WriteFile writes a whole file.
	WriteFile(name string, data []byte) error
	// Create opens a file for streaming; the file exists once Close returns nil.
	Create(name string) (io.WriteCloser, error)
	// CopyFile copies a source file (an absolute path) to name.
	CopyFile(name, src string) error
	// Link publishes a file that never changes once written (an entry of
	// the disk cache) at name, without copying it where the writer can.
	Link(name, src string) error
}

// keeper is a Writer that can keep a caller's bytes instead of a copy.
type keeper interface {
	KeepParts(name string, parts [][]byte) error
}

// WriteParts writes the concatenation of parts as name through w. The
// caller never changes the parts afterwards, so a writer that holds files
// in memory keeps the parts themselves: the feeds that list one release
// share its encoding, and a rebuild assembles a feed of fifty releases
// without copying them. Other writers stream the parts to the file.
func WriteParts(w Writer, name string, parts [][]byte) error {
	if k, ok := w.(keeper); ok {
		return k.KeepParts(name, parts)
	}
	return streamParts(w, name, parts)
}

// PartsSize is the size of the file that parts make.
func PartsSize(parts [][]byte) int64 {
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	return int64(n)
}

func streamParts(w Writer, name string, parts [][]byte) error {
	f, err := w.Create(name)
	if err != nil {
		return err
	}
	buf, release := Buffered(f)
	defer release()
	for _, p := range parts {
		buf.Write(p) // a failed write fails the Flush
	}
	if err := buf.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("output: %w", err)
	}
	return f.Close()
}

// Buffered returns a 64 KB buffered writer over w from a pool, and the
// function that puts it back (after the caller's Flush). Whatever streams
// a file in small pieces (the search index's parts, a kit's ZIP headers)
// gathers them into few system calls with it, and a buffer per file was a
// gigabyte of garbage at 100,000 releases.
func Buffered(w io.Writer) (buf *bufio.Writer, release func()) {
	buf = buffers.Get().(*bufio.Writer)
	buf.Reset(w)
	return buf, func() {
		buf.Reset(nil) // the pool holds no file
		buffers.Put(buf)
	}
}

var buffers = sync.Pool{New: func() any { return bufio.NewWriterSize(nil, 64<<10) }}

// CheckName returns the cleaned name, or an error when it is not a plain
// relative path inside the destination.
func CheckName(name string) (string, error) {
	clean := path.Clean(name)
	switch {
	case name == "" || clean == ".":
		return "", fmt.Errorf("output: empty file name")
	case path.IsAbs(name) || strings.Contains(name, `\`):
		return "", fmt.Errorf("output: %q is not a relative path", name)
	case clean == ".." || strings.HasPrefix(clean, "../"):
		return "", fmt.Errorf("output: %q would be written outside the destination", name)
	}
	return clean, nil
}

// ledger records names as they are claimed, rejecting a second claim. A
// ledger that inherited another's names (a rebuild in memory) also keeps
// which names were claimed or forgotten since, so that a rebuild of one
// page out of forty thousand costs neither a sort nor a comparison of all.
type ledger struct {
	mu    sync.Mutex
	names *layered.Map[string, struct{}]
	// sorted caches Names; delta counts, per name, claims minus forgets
	// since, so that the cache is good while every delta is zero.
	sorted []string
	delta  map[string]int
	// touched is non-nil after inherit: each name claimed (true) or
	// forgotten and not claimed again (false) since.
	touched map[string]bool
}

func (l *ledger) claim(name string) (string, error) {
	clean, err := CheckName(name)
	if err != nil {
		return "", err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.names == nil {
		l.names = &layered.Map[string, struct{}]{}
	}
	if _, taken := l.names.Get(clean); taken {
		return "", fmt.Errorf("output: two outputs at one URL: /%s is written twice", clean)
	}
	l.names.Set(clean, struct{}{})
	l.count(clean, +1)
	if l.touched != nil {
		l.touched[clean] = true
	}
	return clean, nil
}

func (l *ledger) count(name string, d int) {
	if l.sorted == nil {
		return
	}
	if l.delta == nil {
		l.delta = map[string]int{}
	}
	if l.delta[name] += d; l.delta[name] == 0 {
		delete(l.delta, name)
	}
}

// inherit starts l with the names of prev, to be taken over or forgotten.
func (l *ledger) inherit(prev *ledger) {
	prev.mu.Lock()
	defer prev.mu.Unlock()
	l.mu.Lock()
	defer l.mu.Unlock()
	l.names = prev.names.Fork()
	l.sorted, l.delta = prev.sortedLocked(), nil
	l.touched = map[string]bool{}
}

// forget releases an inherited name, which a task of this build may claim
// again. It reports whether the name was held.
func (l *ledger) forget(name string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if _, held := l.names.Get(name); !held {
		return false
	}
	l.names.Delete(name)
	l.count(name, -1)
	if l.touched != nil {
		l.touched[name] = false
	}
	return true
}

// Names lists every name written, sorted: the very same slice, never
// changed, for as long as no name came or went (a rebuild in memory that
// wrote the files it forgot), so that a caller may tell by it that the
// list is the last one.
func (l *ledger) Names() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.sortedLocked()
}

func (l *ledger) sortedLocked() []string {
	if l.sorted != nil && len(l.delta) == 0 {
		return l.sorted
	}
	out := make([]string, 0, l.names.Len())
	for n := range l.names.All() {
		out = append(out, n)
	}
	sort.Strings(out)
	l.sorted, l.delta = out, nil
	return out
}

// Touched lists the names claimed or forgotten since the ledger inherited
// another's, sorted; ok is false when it inherited none.
func (l *ledger) Touched() (names []string, ok bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.touched == nil {
		return nil, false
	}
	for n := range l.touched {
		names = append(names, n)
	}
	sort.Strings(names)
	return names, true
}
