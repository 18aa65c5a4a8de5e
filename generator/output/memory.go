package output

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"sync"
)

// Memory keeps a build's files in memory, for serve and for tests. Copied
// source files are read into memory too, so that a later edit of the source
// cannot change what is being served before the next build swaps in.
type Memory struct {
	ledger
	mu    sync.Mutex
	files map[string][]byte
}

// NewMemory returns an empty in-memory output.
func NewMemory() *Memory {
	return &Memory{files: map[string][]byte{}}
}

func (m *Memory) store(name string, data []byte) {
	m.mu.Lock()
	m.files[name] = data
	m.mu.Unlock()
}

// WriteFile implements Writer.
func (m *Memory) WriteFile(name string, data []byte) error {
	clean, err := m.claim(name)
	if err != nil {
		return err
	}
	m.store(clean, bytes.Clone(data))
	return nil
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

// File returns a written file's bytes.
func (m *Memory) File(name string) ([]byte, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	data, ok := m.files[name]
	return data, ok
}

type memFile struct {
	bytes.Buffer
	m    *Memory
	name string
}

func (f *memFile) Close() error {
	f.m.store(f.name, f.Bytes())
	return nil
}

// Adopt stores data under name without copying it: the bytes of a file an
// earlier build wrote and this build would write the same. data must never
// change afterwards, which holds for everything a Memory stores.
func (m *Memory) Adopt(name string, data []byte) error {
	clean, err := m.claim(name)
	if err != nil {
		return err
	}
	m.store(clean, data)
	return nil
}
