package layered

import (
	"maps"
	"math/rand/v2"
	"testing"
)

// TestForksAgreeWithPlainMaps runs random sets and deletes over a chain of
// forks, each checked against a plain map, and checks that every earlier
// map of the chain still holds what it held when it was forked.
func TestForksAgreeWithPlainMaps(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	m, model := &Map[int, int]{}, map[int]int{}
	type generation struct {
		m     *Map[int, int]
		model map[int]int
	}
	var earlier []generation
	for gen := 0; gen < 60; gen++ {
		writes := 1 + rnd.IntN(40)
		if gen%10 == 0 {
			writes = 400 // enough to make the next fork merge
		}
		for range writes {
			k := rnd.IntN(300)
			if rnd.IntN(3) == 0 {
				m.Delete(k)
				delete(model, k)
			} else {
				m.Set(k, gen*1000+k)
				model[k] = gen*1000 + k
			}
		}
		agree(t, m, model)
		earlier = append(earlier, generation{m, maps.Clone(model)})
		m = m.Fork()
		agree(t, m, model)
	}
	for _, g := range earlier {
		agree(t, g.m, g.model)
	}
}

func agree(t *testing.T, m *Map[int, int], model map[int]int) {
	t.Helper()
	if m.Len() != len(model) {
		t.Fatalf("Len = %d, want %d", m.Len(), len(model))
	}
	for k := range 300 {
		v, ok := m.Get(k)
		if w, wok := model[k]; v != w || ok != wok {
			t.Fatalf("Get(%d) = %d, %v; want %d, %v", k, v, ok, w, wok)
		}
	}
	seen := map[int]int{}
	for k, v := range m.All() {
		if _, twice := seen[k]; twice {
			t.Fatalf("All yields %d twice", k)
		}
		seen[k] = v
	}
	if !maps.Equal(seen, model) {
		t.Fatalf("All yields %v, want %v", seen, model)
	}
}

func TestForkOfAnUnforkedMapSharesIt(t *testing.T) {
	m := &Map[string, int]{}
	m.Set("a", 1)
	f := m.Fork()
	f.Set("b", 2)
	f.Delete("a")
	if _, ok := m.Get("b"); ok {
		t.Error("a write to the fork shows in the map it came from")
	}
	if v, ok := m.Get("a"); !ok || v != 1 {
		t.Error("a delete in the fork shows in the map it came from")
	}
	if _, ok := f.Get("a"); ok || f.Len() != 1 {
		t.Errorf("the fork holds a deleted key or %d keys, want 1", f.Len())
	}
}
