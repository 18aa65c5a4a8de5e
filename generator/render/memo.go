package render

import "sync"

// Memo keeps values that several outputs or builds share, by a key that
// fingerprints their inputs: a feed item that every feed listing the entry
// holds, or an entry's converted Markdown. A process that builds again and
// again (serve) keeps its memos across builds, so that a rebuild makes only
// what changed; Sweep drops what the last complete build did not use. The
// zero value is ready, and a nil *Memo keeps nothing.
type Memo[K comparable, V any] struct {
	mu   sync.Mutex
	kept map[K]V
	used map[K]bool
}

// Get returns the value for key, making it when no build made it yet. A
// value must not be changed once made.
func (m *Memo[K, V]) Get(key K, make func() (V, error)) (V, error) {
	if m == nil {
		return make()
	}
	m.mu.Lock()
	v, ok := m.kept[key]
	if m.used == nil {
		m.used = map[K]bool{}
	}
	m.used[key] = true
	m.mu.Unlock()
	if ok {
		return v, nil
	}
	v, err := make()
	if err != nil {
		return v, err
	}
	m.mu.Lock()
	if m.kept == nil {
		m.kept = map[K]V{}
	}
	m.kept[key] = v
	m.mu.Unlock()
	return v, nil
}

// Forget drops the value for key, which nothing uses any more.
func (m *Memo[K, V]) Forget(key K) {
	if m == nil {
		return
	}
	m.mu.Lock()
	delete(m.kept, key)
	m.mu.Unlock()
}

// Sweep forgets the values not used since the last Sweep: call it after a
// build that made every output, so memory stays bounded by one site.
func (m *Memo[K, V]) Sweep() {
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

// Reset forgets every value.
func (m *Memo[K, V]) Reset() {
	if m == nil {
		return
	}
	m.mu.Lock()
	m.kept, m.used = nil, nil
	m.mu.Unlock()
}
