package render

import "sync"

// Memo keeps fragments of output that several outputs share, such as a
// feed item that every feed listing the entry holds, by a fingerprint of
// their inputs. A process that builds again and again (serve) keeps one
// Memo across builds, so that a rebuild encodes only what changed; Sweep
// drops what the last complete build did not use. The zero value is ready.
type Memo struct {
	mu   sync.Mutex
	kept map[uint64][]byte
	used map[uint64]bool
}

// Get returns the fragment for key, making it when no build made it yet.
// The bytes must not be changed. A nil Memo makes every fragment afresh.
func (m *Memo) Get(key uint64, make func() ([]byte, error)) ([]byte, error) {
	if m == nil {
		return make()
	}
	m.mu.Lock()
	data, ok := m.kept[key]
	if m.used == nil {
		m.used = map[uint64]bool{}
	}
	m.used[key] = true
	m.mu.Unlock()
	if ok {
		return data, nil
	}
	data, err := make()
	if err != nil {
		return nil, err
	}
	m.mu.Lock()
	if m.kept == nil {
		m.kept = map[uint64][]byte{}
	}
	m.kept[key] = data
	m.mu.Unlock()
	return data, nil
}

// Sweep forgets the fragments not used since the last Sweep: call it after
// a build that made every output, so memory stays bounded by one site.
func (m *Memo) Sweep() {
	if m == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	for k := range m.kept {
		if !m.used[k] {
			delete(m.kept, k)
		}
	}
	m.used = nil
}

// Reset forgets every fragment.
func (m *Memo) Reset() {
	if m == nil {
		return
	}
	m.mu.Lock()
	m.kept, m.used = nil, nil
	m.mu.Unlock()
}
