package render

import "sync"

// Kept holds what outputs keep from one build to the next of one process
// (serve), each under a name of its own: the search index, which an edit
// changes a little, is updated rather than made again. An output must
// write the same bytes with or without it. The zero value is ready; a nil
// *Kept keeps nothing.
type Kept struct {
	mu   sync.Mutex
	kept map[string]any
}

// Get returns what is kept under name, making it first when nothing is;
// nil on a nil *Kept.
func (k *Kept) Get(name string, make func() any) any {
	if k == nil {
		return nil
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	v, ok := k.kept[name]
	if !ok {
		v = make()
		if k.kept == nil {
			k.kept = map[string]any{}
		}
		k.kept[name] = v
	}
	return v
}

// Reset forgets everything kept.
func (k *Kept) Reset() {
	if k == nil {
		return
	}
	k.mu.Lock()
	k.kept = nil
	k.mu.Unlock()
}
