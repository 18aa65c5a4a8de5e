package output

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"sync"
	"time"
	"unsafe"

	"github.com/pressroom/pressroom/generator/layered"
	"github.com/pressroom/pressroom/generator/spill"
)

// Memory keeps a build's files in memory, for serve and for tests. Pages
// are kept deflated (see pack): ten thousand releases are 180 MB of HTML,
// 53 MB deflated; with SpillPages, the deflated pages go to a spill file
// (generator/spill) and the heap holds only where each is. Files that stay
// on disk (kits in the disk cache, copied source files) are read when
// asked for.
type Memory struct {
	ledger
	mu    sync.Mutex
	files *layered.Map[string, file]
	pages *spill.File // where deflated pages go; nil: the heap
}

// file is one file a Memory holds: its bytes, deflated for pages, or the
// parts a caller handed over (WriteParts), or a file on disk, with its size
// read once: one that never changes (Link), or a source file (CopyFile),
// good only while it keeps the modification time it had then.
type file struct {
	data    []byte
	spilled spill.Ref // a packed page's bytes, when in a spill file
	parts   [][]byte
	size    int64
	packed  bool
	link    string
	modTime time.Time // of a copied source file
}

// read returns the bytes of a file on disk, unless it is a source file
// that changed since the build: the next build publishes that.
func (f file) read() ([]byte, bool) {
	if !f.modTime.IsZero() {
		info, err := os.Stat(f.link)
		if err != nil || info.Size() != f.size || !info.ModTime().Equal(f.modTime) {
			return nil, false
		}
	}
	data, err := os.ReadFile(f.link)
	return data, err == nil && int64(len(data)) == f.size
}

// chunks are the file's bytes in order (a page's deflated), unless it is
// linked; false when a spilled page cannot be read back.
func (f file) chunks() ([][]byte, bool) {
	switch {
	case f.parts != nil:
		return f.parts, true
	case f.spilled.Len() > 0:
		s, err := f.spilled.Get()
		return [][]byte{unsafe.Slice(unsafe.StringData(s), len(s))}, err == nil // read only
	}
	return [][]byte{f.data}, true
}

// NewMemory returns an empty in-memory output.
func NewMemory() *Memory {
	return &Memory{files: &layered.Map[string, file]{}}
}

// SpillPages keeps the pages m is given from now on in f rather than in
// the heap: a served newsroom of 100,000 releases holds half a gigabyte of
// them. A Memory that inherits another's files (Inherit) writes to the
// same file. A page that f cannot take (the temporary folder is full) is
// kept in the heap.
func (m *Memory) SpillPages(f *spill.File) { m.pages = f }

func (m *Memory) store(name string, f file) {
	m.mu.Lock()
	m.files.Set(name, f)
	m.mu.Unlock()
}

func (m *Memory) lookup(name string) (file, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.files.Get(name)
}

// WriteFile implements Writer.
func (m *Memory) WriteFile(name string, data []byte) error { return m.put(name, data, false) }

// KeepParts stores parts as name without copying them (see WriteParts).
func (m *Memory) KeepParts(name string, parts [][]byte) error {
	switch {
	case len(parts) == 1:
		return m.put(name, parts[0], true)
	case packable(name):
		return m.put(name, bytes.Join(parts, nil), true)
	}
	clean, err := m.claim(name)
	if err != nil {
		return err
	}
	m.store(clean, file{parts: parts, size: PartsSize(parts)})
	return nil
}

// put claims name and stores data, packed if it is a page, else as it is
// when the caller handed it over (owned) or as a copy.
func (m *Memory) put(name string, data []byte, owned bool) error {
	clean, err := m.claim(name)
	if err != nil {
		return err
	}
	m.store(clean, m.newFile(clean, data, owned))
	return nil
}

func (m *Memory) newFile(name string, data []byte, owned bool) file {
	switch {
	case packable(name):
		f := file{data: pack(data), size: int64(len(data)), packed: true}
		if m.pages != nil && len(f.data) > 0 {
			if r, err := m.pages.Put(unsafe.String(&f.data[0], len(f.data))); err == nil {
				f.data, f.spilled = nil, r
			}
		}
		return f
	case !owned:
		data = bytes.Clone(data)
	}
	return file{data: data, size: int64(len(data))}
}

// Create implements Writer.
func (m *Memory) Create(name string) (io.WriteCloser, error) {
	clean, err := m.claim(name)
	if err != nil {
		return nil, err
	}
	return &memFile{m: m, name: clean}, nil
}

// CopyFile implements Writer. The source file is not read now, or serve
// would hold a newsroom's whole photo library: it is read when asked for,
// and only while unchanged since (see file.read), so that an edit of it
// cannot change what is served before the next build swaps in.
func (m *Memory) CopyFile(name, src string) error { return m.onDisk(name, src, true) }

// Link implements Writer: the file stays on disk and is read when asked
// for, so that a served site of ten thousand kits does not hold them all.
func (m *Memory) Link(name, src string) error { return m.onDisk(name, src, false) }

// onDisk claims name for the file src, which stays on disk; a source file
// may change and is good only while its modification time holds.
func (m *Memory) onDisk(name, src string, source bool) error {
	info, err := os.Stat(src)
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	clean, err := m.claim(name)
	if err != nil {
		return err
	}
	f := file{link: src, size: info.Size()}
	if source {
		f.modTime = info.ModTime()
	}
	m.store(clean, f)
	return nil
}

// Linked returns the disk cache entry a file written by Link stays in.
func (m *Memory) Linked(name string) (string, bool) {
	f, ok := m.lookup(name)
	if !ok || f.link == "" || !f.modTime.IsZero() {
		return "", false
	}
	return f.link, true
}

// File returns a written file's bytes.
func (m *Memory) File(name string) ([]byte, bool) {
	f, ok := m.lookup(name)
	switch {
	case !ok:
		return nil, false
	case f.link != "":
		return f.read()
	case f.packed:
		c, ok := f.chunks()
		if !ok {
			return nil, false
		}
		return unpack(c[0]), true
	case f.parts != nil:
		return bytes.Join(f.parts, nil), true
	}
	return f.data, true
}

// Size returns a written file's size without reading a linked one.
func (m *Memory) Size(name string) (int64, bool) {
	f, ok := m.lookup(name)
	return f.size, ok
}

// Same reports whether a file is the same in m and other, without reading
// linked files or unpacking pages (deflate makes the same bytes of the same
// page): a rebuild compares thousands of them.
func (m *Memory) Same(other *Memory, name string) bool {
	f, ok := m.lookup(name)
	o, oOK := other.lookup(name)
	switch {
	case !ok || !oOK:
		return false
	case f.link != "" || o.link != "":
		return f.link == o.link && f.size == o.size && f.modTime.Equal(o.modTime)
	case f.packed != o.packed || f.size != o.size:
		return false
	case f.spilled == o.spilled && f.spilled.Len() > 0: // inherited: the very bytes
		return true
	}
	a, aOK := f.chunks()
	b, bOK := o.chunks()
	return aOK && bOK && sameChunks(a, b)
}

// sameChunks reports whether two lists of byte slices hold the same bytes
// in order, however each splits them.
func sameChunks(a, b [][]byte) bool {
	var x, y []byte
	for {
		for len(x) == 0 && len(a) > 0 {
			x, a = a[0], a[1:]
		}
		for len(y) == 0 && len(b) > 0 {
			y, b = b[0], b[1:]
		}
		if len(x) == 0 || len(y) == 0 {
			return len(x) == len(y)
		}
		n := min(len(x), len(y))
		if &x[0] != &y[0] && !bytes.Equal(x[:n], y[:n]) { // feeds share their items' bytes
			return false
		}
		x, y = x[n:], y[n:]
	}
}

// Inherit fills an empty m with every file of prev without copying any:
// a rebuild starts from the build being served, forgets the files whose
// inputs changed and writes those again. prev must be complete: it is
// never written again, only read.
func (m *Memory) Inherit(prev *Memory) {
	m.ledger.inherit(&prev.ledger)
	prev.mu.Lock()
	defer prev.mu.Unlock()
	m.mu.Lock()
	defer m.mu.Unlock()
	m.files = prev.files.Fork()
	if m.pages == nil {
		m.pages = prev.pages
	}
}

// Forget removes an inherited file, so that a task may write it again.
func (m *Memory) Forget(name string) {
	if !m.ledger.forget(name) {
		return
	}
	m.mu.Lock()
	m.files.Delete(name)
	m.mu.Unlock()
}

type memFile struct {
	bytes.Buffer
	m    *Memory
	name string
}

func (f *memFile) Close() error {
	f.m.store(f.name, f.m.newFile(f.name, f.Bytes(), true))
	return nil
}
