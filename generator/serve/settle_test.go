package serve_test

import (
	"testing"
	"time"

	"github.com/pressroom/pressroom/generator/serve"
)

// TestAPageAskedForAfterASaveHasTheEdit: an author saves and reloads at
// once, before the rebuild has run (here the quiet spell is half a second):
// the request waits for the build of the save and gets the edit, not the
// page from before it.
func TestAPageAskedForAfterASaveHasTheEdit(t *testing.T) {
	root := copySite(t, small)
	h := start(t, root, func(c *serve.Config) { c.Debounce = 500 * time.Millisecond; c.NoCheck = true })
	const page, second = "/press/second-release/", "content/press/second.md"
	for _, title := range []string{"Acme triples capacity", "Acme quadruples capacity"} {
		saved := time.Now()
		writeFile(t, root, second, release(title))
		time.Sleep(50 * time.Millisecond) // the watcher has told serve; the rebuild waits
		if got := heading(h.page(page)); got != title {
			t.Errorf("asked for %v after the save: heading %q, want %q", time.Since(saved).Round(time.Millisecond), got, title)
		}
		if r := h.built(second); r.Err != nil {
			t.Fatal(r.Err)
		}
	}
}

// TestAPageWaitsForASaveOnlySoLong: a build that takes longer than a second
// after a save (here its quiet spell alone is three) does not keep the
// page from the author: the last build answers after a second, and the
// edit comes with the next request once it is built.
func TestAPageWaitsForASaveOnlySoLong(t *testing.T) {
	root := copySite(t, small)
	h := start(t, root, func(c *serve.Config) { c.Debounce = 3 * time.Second; c.NoCheck = true })
	const page, second = "/press/second-release/", "content/press/second.md"
	writeFile(t, root, second, release("Acme triples capacity"))
	time.Sleep(50 * time.Millisecond)
	asked := time.Now()
	got := heading(h.page(page))
	waited := time.Since(asked)
	if got != "Acme doubles capacity" || waited < 900*time.Millisecond || waited > 2500*time.Millisecond {
		t.Errorf("heading %q after %v, want the last build's after about a second", got, waited.Round(time.Millisecond))
	}
	h.built(second)
	if got := heading(h.page(page)); got != "Acme triples capacity" {
		t.Errorf("after the rebuild: heading %q", got)
	}
}
