package render

import (
	"context"
	"maps"
	"slices"
	"sync"
	"testing"

	"github.com/pressroom/pressroom/generator/output"
)

// TestSplitRecordsEachFile: a task without a key that writes a family of
// files (the first build's search index) records each under the key
// Split gives it, so that the next build, which plans each file as a
// keyed task of its own, takes over those whose key it sees again and
// runs only the others; a file Split gives no key is made again, as any
// unkeyed task's.
func TestSplitRecordsEachFile(t *testing.T) {
	keys := map[string]uint64{"i/a": 1, "i/b": 2, "i/c": 3, "i/zero": 0}
	first := [][]Output{{{Name: "search", Once: true, Plan: func(*Env) []Task {
		return []Task{{Run: func(out output.Writer) error {
			for _, name := range slices.Sorted(maps.Keys(keys)) {
				if err := out.WriteFile(name, []byte("first "+name)); err != nil {
					return err
				}
			}
			return nil
		}, Split: func(name string) uint64 { return keys[name] }}}
	}}}}
	mem := output.NewMemory()
	rec, _, err := Run(context.Background(), &Env{SiteKey: 7}, first, mem, nil)
	if err != nil {
		t.Fatal(err)
	}

	keys["i/b"] = 20 // b's bytes change
	var mu sync.Mutex
	var ran []string
	next := [][]Output{{{Name: "search", Once: true, Plan: func(*Env) []Task {
		var tasks []Task
		for _, name := range []string{"i/a", "i/b", "i/c"} {
			tasks = append(tasks, Task{Key: keys[name], ID: name, Run: func(out output.Writer) error {
				mu.Lock()
				ran = append(ran, name)
				mu.Unlock()
				return out.WriteFile(name, []byte("next "+name))
			}})
		}
		tasks = append(tasks, Always(func(out output.Writer) error { return out.WriteFile("i/zero", []byte("next i/zero")) }))
		return tasks
	}}}}
	mem2 := output.NewMemory()
	_, stats, err := Run(context.Background(), &Env{SiteKey: 7}, next, mem2, rec)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(ran, []string{"i/b"}) || stats.Reused != 2 {
		t.Errorf("ran %v and reused %d; want only i/b run and the other two keyed files taken over", ran, stats.Reused)
	}
	for name, want := range map[string]string{"i/a": "first i/a", "i/b": "next i/b", "i/c": "first i/c", "i/zero": "next i/zero"} {
		if got, ok := mem2.File(name); !ok || string(got) != want {
			t.Errorf("%s holds %q, want %q", name, got, want)
		}
	}
}
