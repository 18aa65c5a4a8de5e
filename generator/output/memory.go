package output

import (
	"bytes"
	"fmt"
	"io"
	"maps"
	"os"
	"sync"
)

// Memory keeps a build's files in memory, for serve and for tests. Copied
// source files are read into memory too, so that a later edit of the source
// cannot change what is being served before the next build swaps in. Pages
// are kept deflated (see pack): ten thousand releases are 180 MB of HTML.
type Memory struct {
	ledger
	mu     sync.Mutex
	files  map[string][]byte
	packed map[string]int64 // name -> size, of the files kept deflated
	links  map[string]link  // name -> an immutable file on disk (Link)
}

// NewMemory returns an empty in-memory output.
func NewMemory() *Memory {
	return &Memory{files: map[string][]byte{}, packed: map[string]int64{}, links: map[string]link{}}
}

// link is a file published by reference, with its size read once.
type link struct {
	path string
	size int64
}

func (m *Memory) store(name string, data []byte) {
	m.mu.Lock()
	m.files[name] = data
	m.mu.Unlock()
}

// WriteFile implements Writer.
func (m *Memory) WriteFile(name string, data []byte) error { return m.put(name, data, false) }

// KeepFile stores data as name without copying it (see WriteOwned).
func (m *Memory) KeepFile(name string, data []byte) error { return m.put(name, data, true) }

// put claims name and stores data, packed if it is a page, else as it is
// when the caller handed it over (owned) or as a copy.
func (m *Memory) put(name string, data []byte, owned bool) error {
	clean, err := m.claim(name)
	if err != nil {
		return err
	}
	switch {
	case packable(clean):
		m.storePacked(clean, data)
	case owned:
		m.store(clean, data)
	default:
		m.store(clean, bytes.Clone(data))
	}
	return nil
}

func (m *Memory) storePacked(name string, data []byte) {
	packed := pack(data)
	m.mu.Lock()
	m.files[name] = packed
	m.packed[name] = int64(len(data))
	m.mu.Unlock()
}

// Create implements Writer.
func (m *Memory) Create(name string) (io.WriteCloser, error) {
	clean, err := m.claim(name)
	if err != nil {
		return nil, err
	}
	return &memFile{m: m, name: clean}, nil
}

// CopyFile implements Writer.
func (m *Memory) CopyFile(name, src string) error {
	clean, err := m.claim(name)
	if err != nil {
		return err
	}
	data, err := os.ReadFile(src)
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	m.store(clean, data)
	return nil
}

// Link implements Writer: the file stays on disk and is read when asked
// for, so that a served site of ten thousand kits does not hold them all.
func (m *Memory) Link(name, src string) error {
	info, err := os.Stat(src)
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	return m.link(name, link{path: src, size: info.Size()})
}

func (m *Memory) link(name string, l link) error {
	clean, err := m.claim(name)
	if err != nil {
		return err
	}
	m.mu.Lock()
	m.links[clean] = l
	m.mu.Unlock()
	return nil
}

// File returns a written file's bytes.
func (m *Memory) File(name string) ([]byte, bool) {
	m.mu.Lock()
	data, ok := m.files[name]
	_, packed := m.packed[name]
	link, linked := m.links[name]
	m.mu.Unlock()
	switch {
	case linked:
		data, err := os.ReadFile(link.path)
		return data, err == nil
	case packed:
		return unpack(data), true
	}
	return data, ok
}

// Size returns a written file's size without reading a linked one.
func (m *Memory) Size(name string) (int64, bool) {
	m.mu.Lock()
	data, ok := m.files[name]
	size, packed := m.packed[name]
	link, linked := m.links[name]
	m.mu.Unlock()
	switch {
	case linked:
		return link.size, true
	case packed:
		return size, true
	}
	return int64(len(data)), ok
}

// Same reports whether a file is the same in m and other, without reading
// linked files or unpacking pages (deflate makes the same bytes of the same
// page): a rebuild compares thousands of them.
func (m *Memory) Same(other *Memory, name string) bool {
	m.mu.Lock()
	data, ok := m.files[name]
	link, linked := m.links[name]
	m.mu.Unlock()
	other.mu.Lock()
	oData, oOK := other.files[name]
	oLink, oLinked := other.links[name]
	other.mu.Unlock()
	switch {
	case linked || oLinked:
		return linked && oLinked && link == oLink
	case !ok || !oOK:
		return false
	}
	return bytes.Equal(data, oData)
}

// Inherit fills an empty m with every file of prev without copying any:
// a rebuild starts from the build being served, forgets the files whose
// inputs changed and writes those again. prev is not changed.
func (m *Memory) Inherit(prev *Memory) {
	m.ledger.inherit(&prev.ledger)
	prev.mu.Lock()
	defer prev.mu.Unlock()
	m.mu.Lock()
	defer m.mu.Unlock()
	m.files, m.packed, m.links = maps.Clone(prev.files), maps.Clone(prev.packed), maps.Clone(prev.links)
}

// Forget removes an inherited file, so that a task may write it again.
func (m *Memory) Forget(name string) {
	if !m.ledger.forget(name) {
		return
	}
	m.mu.Lock()
	delete(m.files, name)
	delete(m.packed, name)
	delete(m.links, name)
	m.mu.Unlock()
}

type memFile struct {
	bytes.Buffer
	m    *Memory
	name string
}

func (f *memFile) Close() error {
	if packable(f.name) {
		f.m.storePacked(f.name, f.Bytes())
		return nil
	}
	f.m.store(f.name, f.Bytes())
	return nil
}
