// Package layered is a map that a later build continues without copying.
// A rebuild in serve starts from the forty thousand files and tasks of the
// build it replaces and changes a few dozen of them; copying the tables
// each time cost more than rendering what changed.
package layered

import (
	"iter"
	"maps"
)

// Map is a map[K]V that Fork continues without copying it. Like a Go map,
// it may be read concurrently but not written while anyone reads it, and a
// nil *Map reads as empty.
type Map[K comparable, V any] struct {
	base map[K]V        // entries as of the fork; never written
	own  map[K]V        // entries set since
	gone map[K]struct{} // keys of base deleted since
	n    int
}

// Get returns the value of k.
func (m *Map[K, V]) Get(k K) (V, bool) {
	if m == nil {
		var zero V
		return zero, false
	}
	if v, ok := m.own[k]; ok {
		return v, true
	}
	if _, deleted := m.gone[k]; deleted {
		var zero V
		return zero, false
	}
	v, ok := m.base[k]
	return v, ok
}

// Set makes v the value of k.
func (m *Map[K, V]) Set(k K, v V) {
	if _, ok := m.Get(k); !ok {
		m.n++
	}
	if m.own == nil {
		m.own = map[K]V{}
	}
	m.own[k] = v
}

// Delete removes k.
func (m *Map[K, V]) Delete(k K) {
	if _, ok := m.Get(k); !ok {
		return
	}
	m.n--
	delete(m.own, k)
	if _, inBase := m.base[k]; inBase {
		if m.gone == nil {
			m.gone = map[K]struct{}{}
		}
		m.gone[k] = struct{}{}
	}
}

// Len is the number of keys.
func (m *Map[K, V]) Len() int {
	if m == nil {
		return 0
	}
	return m.n
}

// All yields every key and value, in no order.
func (m *Map[K, V]) All() iter.Seq2[K, V] {
	return func(yield func(K, V) bool) {
		if m == nil {
			return
		}
		for k, v := range m.own {
			if !yield(k, v) {
				return
			}
		}
		for k, v := range m.base {
			_, set := m.own[k]
			_, deleted := m.gone[k]
			if !set && !deleted && !yield(k, v) {
				return
			}
		}
	}
}

// Fork returns a map that starts with m's entries, after which m must not
// be changed; both may be read at once. It copies only what changed since
// m's own fork, unless that is an eighth of the entries or more: then it
// merges them into a new base once, so that chains of forks stay cheap to
// read and never hold more than one old value of a key.
func (m *Map[K, V]) Fork() *Map[K, V] {
	switch {
	case m == nil:
		return &Map[K, V]{}
	case m.base == nil:
		return &Map[K, V]{base: m.own, n: m.n}
	case (len(m.own)+len(m.gone))*8 < len(m.base):
		return &Map[K, V]{base: m.base, own: maps.Clone(m.own), gone: maps.Clone(m.gone), n: m.n}
	}
	merged := make(map[K]V, m.n)
	for k, v := range m.All() {
		merged[k] = v
	}
	return &Map[K, V]{base: merged, n: m.n}
}
