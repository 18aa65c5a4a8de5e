package serve

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"
)

// TestOneSaveOneBuild: an event that arrives after the build it belongs to
// had started (the second half of an editor's save) starts no second build
// when the file still holds what that build started from, and a burst of
// files that came and went (an editor's probe) starts none at all. A real
// change after them still builds.
func TestOneSaveOneBuild(t *testing.T) {
	root := t.TempDir()
	if err := os.CopyFS(root, os.DirFS("../testdata/small")); err != nil {
		t.Fatal(err)
	}
	results := make(chan Result, 10)
	s, err := New(Config{Source: root, OnBuild: func(r Result) { results <- r }})
	if err != nil {
		t.Fatal(err)
	}
	events := make(chan fsnotify.Event, 10)
	s.watch.events = events
	g := &gatedBuilder{real: s.builder, started: make(chan request, 10), gate: make(chan struct{})}
	s.builder = g
	running(t, s, func() { close(g.gate) })
	wait := func(what string) request {
		t.Helper()
		select {
		case req := <-g.started:
			g.gate <- struct{}{}
			select {
			case <-results:
			case <-time.After(30 * time.Second):
				t.Fatalf("%s: the build did not finish", what)
			}
			return req
		case <-time.After(30 * time.Second):
			t.Fatalf("%s: no build started", what)
		}
		return request{}
	}
	nothing := func(what string) {
		t.Helper()
		select {
		case req := <-g.started:
			g.gate <- struct{}{}
			<-results
			t.Errorf("%s started a build of %q", what, req.Changes)
		case <-time.After(500 * time.Millisecond):
		}
	}
	wait("start")

	page := filepath.Join(root, "content/pages/about.md")
	if err := os.WriteFile(page, []byte("---\ntitle: About, saved\n---\nHi.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	events <- fsnotify.Event{Name: page, Op: fsnotify.Write}
	var req request
	select {
	case req = <-g.started: // held at the gate, as if still reading
	case <-time.After(30 * time.Second):
		t.Fatal("no build for the save")
	}
	events <- fsnotify.Event{Name: page, Op: fsnotify.Write} // the same save, seen late
	g.gate <- struct{}{}
	<-results
	if !reflect.DeepEqual(req.Changes, []string{"content/pages/about.md"}) {
		t.Errorf("the save built %q", req.Changes)
	}
	nothing("the late event of the same save")

	events <- fsnotify.Event{Name: filepath.Join(root, "content/pages/probe123"), Op: fsnotify.Create}
	events <- fsnotify.Event{Name: filepath.Join(root, "content/pages/probe123"), Op: fsnotify.Remove}
	nothing("a file that came and went")

	if err := os.WriteFile(page, []byte("---\ntitle: About, changed\n---\nHi.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	events <- fsnotify.Event{Name: page, Op: fsnotify.Write}
	if req := wait("a real change"); !reflect.DeepEqual(req.Changes, []string{"content/pages/about.md"}) {
		t.Errorf("the change built %q", req.Changes)
	}
	if body, _ := s.current.Load().Files.File("about/index.html"); !strings.Contains(string(body), "About, changed") {
		t.Error("the change is not served")
	}
}
