package spill

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

func TestPutGet(t *testing.T) {
	dir := t.TempDir()
	s, err := New(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	// Many writers at once, each reading back its own strings.
	var wg sync.WaitGroup
	refs := make([]Ref, 200)
	for i := range refs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r, err := s.Put(fmt.Sprintf("<p>body %d</p>%*s", i, i, ""))
			if err != nil {
				t.Error(err)
			}
			refs[i] = r
		}()
	}
	wg.Wait()
	for i, r := range refs {
		got, err := r.Get()
		if want := fmt.Sprintf("<p>body %d</p>%*s", i, i, ""); err != nil || got != want {
			t.Fatalf("ref %d: %q, %v; want %q", i, got, err, want)
		}
	}
	if r, err := s.Put(""); err != nil || r.Len() != 0 {
		t.Fatalf("empty put: %+v %v", r, err)
	}
	if got, err := (Ref{}).Get(); got != "" || err != nil {
		t.Fatalf("zero ref: %q %v", got, err)
	}
}

// Nothing of the store is left in its folder, while it is open or after.
func TestLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	s, err := New(dir)
	if err != nil {
		t.Fatal(err)
	}
	r, err := s.Put("kept")
	if err != nil {
		t.Fatal(err)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, "*")); len(left) != 0 {
		t.Errorf("while open: %v in the folder", left)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("after close: %v in the folder", left)
	}
	if _, err := r.Get(); err == nil {
		t.Error("a read after Close succeeded")
	}
	// A write that fails (here: closed; in life: a full disk) says what to do.
	if _, err := s.Put("more"); err == nil || !strings.Contains(err.Error(), "TMPDIR") {
		t.Errorf("a write after Close: %v, want an error that names TMPDIR", err)
	}
}
