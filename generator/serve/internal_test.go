package serve

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/pressroom/pressroom/generator/check"
)

func TestRelevant(t *testing.T) {
	for path, want := range map[string]bool{
		"config.toml":                          true,
		"content":                              true,
		"content/press/x.md":                   true,
		"content/press/bundle/photo.png":       true,
		"themes/default/layouts/home.html":     true,
		"public/index.html":                    false,
		"public":                               false,
		"README.md":                            false,
		".git/index":                           false,
		"content/press/.x.md.swp":              false,
		"content/press/.x.md.swx":              false,
		"content/press/x.md~":                  false,
		"content/press/4913":                   false,
		"content/press/#x.md#":                 false,
		"content/press/.hidden/x.md":           false,
		"config.toml/x":                        false,
		".":                                    false,
		"../elsewhere/content/press/x.md":      false,
		"themes/default/layouts/.home.html~":   false,
		"static/.well-known/security.txt":      true, // static/ publishes dot files
		"static/.well-known/.security.txt.swp": false,
		"static/robots.txt~":                   false,
	} {
		if got := relevant(filepath.FromSlash(path)); got != want {
			t.Errorf("relevant(%q) = %v, want %v", path, got, want)
		}
	}
}

func TestWatchFoldersComeAndGo(t *testing.T) {
	root := t.TempDir()
	for _, dir := range []string{"content/press", "content/.git", "themes/default/layouts", "public"} {
		if err := os.MkdirAll(filepath.Join(root, dir), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	w, err := newWatcher(root)
	if err != nil {
		t.Fatal(err)
	}
	defer w.close()
	want := []string{".", "content", "content/press", "themes", "themes/default", "themes/default/layouts"}
	if got := w.list(); !reflect.DeepEqual(got, want) {
		t.Fatalf("watching %q, want %q", got, want)
	}
	bundle := filepath.Join(root, "content/press/new")
	if err := os.MkdirAll(filepath.Join(bundle, "img"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(bundle, "index.md"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	changed, err := w.change(fsnotify.Event{Name: bundle, Op: fsnotify.Create})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"content/press/new", "content/press/new/index.md"}; !reflect.DeepEqual(changed, want) {
		t.Errorf("a new folder changed %q, want %q", changed, want)
	}
	if got := w.list(); !slices.Contains(got, "content/press/new/img") {
		t.Errorf("the new folder's subfolder is not watched: %q", got)
	}
	if err := os.RemoveAll(bundle); err != nil {
		t.Fatal(err)
	}
	if _, err := w.change(fsnotify.Event{Name: bundle, Op: fsnotify.Remove}); err != nil {
		t.Fatal(err)
	}
	if got := w.list(); !reflect.DeepEqual(got, want) {
		t.Errorf("after removing the folder, watching %q, want %q", got, want)
	}
	if changed, _ := w.change(fsnotify.Event{Name: filepath.Join(root, "content/press/x.md"), Op: fsnotify.Chmod}); changed != nil {
		t.Errorf("a Chmod-only event changed %q", changed)
	}
	if err := os.RemoveAll(filepath.Join(root, "themes")); err != nil {
		t.Fatal(err)
	}
	if err := w.rescan(); err != nil {
		t.Fatal(err)
	}
	if got, want := w.list(), []string{".", "content", "content/press"}; !reflect.DeepEqual(got, want) {
		t.Errorf("after a rescan, watching %q, want %q", got, want)
	}
}

func TestPendingDropsTransientFiles(t *testing.T) {
	root := t.TempDir()
	if err := os.WriteFile(filepath.Join(root, "kept.md"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	var p pending
	p.add("tmp123", "edit", true)   // created and gone again: sed -i, atomic saves
	p.add("kept.md", "edit", true)  // created and still there
	p.add("gone.md", "edit", false) // deleted
	p.add("kept.md", "edit", false)
	if got, want := p.list(root), []string{"gone.md", "kept.md"}; !reflect.DeepEqual(got, want) {
		t.Errorf("list %q, want %q", got, want)
	}
}

func TestWatchAdvice(t *testing.T) {
	for _, errno := range []error{syscall.ENOSPC, syscall.EMFILE} {
		err := watchAdvice("content/press", fmt.Errorf("inotify_add_watch: %w", errno))
		if !strings.Contains(err.Error(), "fs.inotify.max_user_watches") || !errors.Is(err, errno) {
			t.Errorf("advice for %v: %v", errno, err)
		}
	}
}

func TestWriteEvent(t *testing.T) {
	var b strings.Builder
	if err := writeEvent(&b, "errors", "a.md:1: bad\r\nb.md:2: worse"); err != nil {
		t.Fatal(err)
	}
	want := "event: errors\ndata: a.md:1: bad\ndata: b.md:2: worse\n\n"
	if b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
}

func TestWithBuildID(t *testing.T) {
	page := []byte(`<script>var url = "/_pressroom/events";</script>`)
	got := string(withBuildID(page, "abc-3"))
	if want := `<script>var url = "/_pressroom/events?build=abc-3";</script>`; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

// TestWatcherErrorRebuildsAll: after an error (an overflow: events were
// lost) the watches are renewed and everything is rebuilt.
func TestWatcherErrorRebuildsAll(t *testing.T) {
	root := smallCopy(t)
	results, warnings := make(chan Result, 10), make(chan error, 10)
	s, err := New(Config{Source: root, OnBuild: func(r Result) { results <- r }, OnWarning: func(e error) { warnings <- e }})
	if err != nil {
		t.Fatal(err)
	}
	errs := make(chan error)
	s.watch.errors = errs
	running(t, s)
	wait := func() Result {
		select {
		case r := <-results:
			return r
		case <-time.After(30 * time.Second):
			t.Fatal("no build")
		}
		return Result{}
	}
	first := wait()
	errs <- fsnotify.ErrEventOverflow
	r := wait()
	if r.Reason != "watcher error" || r.Err != nil {
		t.Errorf("after an overflow: reason %q, err %v", r.Reason, r.Err)
	}
	if r.Changed != 0 || first.Report == nil {
		t.Errorf("an unchanged site rebuilt into %d changed files", r.Changed)
	}
	if w := <-warnings; !errors.Is(w, fsnotify.ErrEventOverflow) {
		t.Errorf("warning %v", w)
	}
}

// gatedBuilder runs the real full rebuild only when the test lets it, and
// records how many builds ran at once.
type gatedBuilder struct {
	real    rebuilder
	started chan request
	gate    chan struct{}
	active  atomic.Int32
	most    atomic.Int32
}

func (g *gatedBuilder) rebuild(ctx context.Context, req request) (*Site, error) {
	n := g.active.Add(1)
	defer g.active.Add(-1)
	if n > g.most.Load() {
		g.most.Store(n)
	}
	g.started <- req
	<-g.gate
	return g.real.rebuild(ctx, req)
}

// TestChangesDuringABuildFoldIntoTheNext: one build at a time; what changes
// while it runs is built right after it, in one build, with nothing lost.
func TestChangesDuringABuildFoldIntoTheNext(t *testing.T) {
	root := smallCopy(t)
	results := make(chan Result, 10)
	// A generous quiet spell, so that a loaded machine's slow event
	// delivery cannot split the writes below into two bursts.
	s, err := New(Config{Source: root, Debounce: 300 * time.Millisecond, OnBuild: func(r Result) { results <- r }})
	if err != nil {
		t.Fatal(err)
	}
	g := &gatedBuilder{real: s.builder, started: make(chan request, 10), gate: make(chan struct{})}
	s.builder = g
	running(t, s, func() { close(g.gate) })
	timeout := func() <-chan time.Time { return time.After(30 * time.Second) }
	build := func() (request, Result) {
		t.Helper()
		var req request
		select {
		case req = <-g.started:
		case <-timeout():
			t.Fatal("no build started")
		}
		g.gate <- struct{}{}
		select {
		case r := <-results:
			return req, r
		case <-timeout():
			t.Fatal("the build did not finish")
		}
		return req, Result{}
	}
	write := func(name, title string) {
		t.Helper()
		text := "---\ntitle: " + title + "\n---\nBody.\n"
		if err := os.WriteFile(filepath.Join(root, "content/pages", name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, r := build(); !r.First {
		t.Fatal("the first build is not first")
	}
	write("a.md", "A")
	var req request
	select {
	case req = <-g.started: // the build for a.md runs, held at the gate
	case <-timeout():
		t.Fatal("no build started for a.md")
	}
	write("b.md", "B")
	write("c.md", "C")
	write("b.md", "B, last write")
	g.gate <- struct{}{}
	if r := <-results; !reflect.DeepEqual(req.Changes, []string{"content/pages/a.md"}) || r.Err != nil {
		t.Errorf("build for a.md: changes %q, err %v", req.Changes, r.Err)
	}
	req, r := build()
	if want := []string{"content/pages/b.md", "content/pages/c.md"}; !reflect.DeepEqual(req.Changes, want) || r.Err != nil {
		t.Errorf("next build: changes %q (err %v), want %q in one build", req.Changes, r.Err, want)
	}
	if page, _ := s.current.Load().Files.File("b/index.html"); !strings.Contains(string(page), "B, last write") {
		t.Error("the last write is not served")
	}
	if m := g.most.Load(); m != 1 {
		t.Errorf("%d builds ran at once", m)
	}
}

func TestPlainHost(t *testing.T) {
	for host, want := range map[string]bool{
		"192.168.1.20:8080":    true,
		"localhost:8080":       true,
		"my-laptop.local:1313": true,
		"[fe80::1]:8080":       true,
		"[::1]":                true,
		"example.com":          true,
		"":                     false,
		"ev\"il:80":            false,
		"a<b>:80":              false,
		"host:80x":             false,
		"host/path:80":         false,
		"x:80 onload=y":        false,
	} {
		if got := plainHost(host); got != want {
			t.Errorf("plainHost(%q) = %v, want %v", host, got, want)
		}
	}
}

// TestAnEditStopsTheCheck: the pre-flight check after a build runs only
// while the site is quiet. An edit cancels a running check at once, and
// what it would have found is never shown; the build of the edit is
// checked in its turn.
func TestAnEditStopsTheCheck(t *testing.T) {
	root := smallCopy(t)
	results := make(chan Result, 10)
	shown := make(chan Checked, 10)
	s, err := New(Config{Source: root, CheckAfter: 10 * time.Millisecond,
		OnBuild: func(r Result) { results <- r }, OnCheck: func(c Checked) { shown <- c }})
	if err != nil {
		t.Fatal(err)
	}
	type run struct {
		at   time.Time
		stop <-chan struct{}
	}
	started, finish := make(chan run, 10), make(chan struct{})
	real := s.checker
	s.checker = func(ctx context.Context, at time.Time) (*check.Report, error) {
		started <- run{at, ctx.Done()}
		select {
		case <-ctx.Done():
		case <-finish:
		}
		rep, err := real(context.WithoutCancel(ctx), at) // a finding for every check, cancelled or not
		if ctx.Err() != nil {
			return rep, nil // it returns what it found, as if it had not seen the cancel
		}
		return rep, err
	}
	running(t, s)
	wait := func(what string) {
		t.Helper()
		select {
		case <-time.After(30 * time.Second):
			t.Fatalf("no %s within 30 s", what)
		case r := <-results:
			if r.Err != nil {
				t.Fatal(r.Err)
			}
		}
	}
	wait("first build")
	var first run
	select {
	case first = <-started:
	case <-time.After(30 * time.Second):
		t.Fatal("no check started after the first build")
	}
	page := filepath.Join(root, "content/pages/new.md")
	if err := os.WriteFile(page, []byte("---\ntitle: New page\n---\nBody.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	select {
	case <-first.stop:
	case <-time.After(30 * time.Second):
		t.Fatal("the edit did not cancel the running check")
	}
	wait("build of the edit")
	var second run
	select {
	case second = <-started:
	case <-time.After(30 * time.Second):
		t.Fatal("the build of the edit was not checked")
	}
	close(finish)
	select {
	case c := <-shown:
		if !c.At.Equal(second.at) {
			t.Errorf("shown the check as of %v, want only the second's (%v)", c.At, second.at)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the second check was not shown")
	}
	select {
	case c := <-shown:
		t.Errorf("a second check was shown: as of %v", c.At)
	case <-time.After(100 * time.Millisecond):
	}
}

// TestACheckWaitsAsLongAsItTakes: on a site whose check takes long (over
// longCheck), the next check waits for as long a quiet spell, so that an
// author who saves more often than that gets rebuilds without a check
// beside them.
func TestACheckWaitsAsLongAsItTakes(t *testing.T) {
	root := smallCopy(t)
	const takes = 400 * time.Millisecond
	checksAreLongFrom(t, takes/2) // a long check, for this site
	results := make(chan Result, 10)
	shown := make(chan Checked, 10)
	s, err := New(Config{Source: root, CheckAfter: 10 * time.Millisecond,
		OnBuild: func(r Result) { results <- r }, OnCheck: func(c Checked) { shown <- c }})
	if err != nil {
		t.Fatal(err)
	}
	started := make(chan time.Time, 10)
	real := s.checker
	s.checker = func(ctx context.Context, at time.Time) (*check.Report, error) {
		started <- time.Now()
		time.Sleep(takes)
		return real(ctx, at)
	}
	running(t, s)
	builtAt(t, results, "first build")
	receivedAt(t, started, "first check")
	select {
	case <-shown:
	case <-time.After(30 * time.Second):
		t.Fatal("the first check was not shown")
	}
	page := filepath.Join(root, "content/pages/new.md")
	if err := os.WriteFile(page, []byte("---\ntitle: New page\n---\nBody.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	at := builtAt(t, results, "build of the edit")
	if waited := receivedAt(t, started, "check of the edit").Sub(at); waited < takes-20*time.Millisecond {
		t.Errorf("the check of the edit started %v after its build; a check takes %v, and CheckAfter is 10 ms", waited, takes)
	}
}

// TestAStoppedCheckCountsTwiceItsRun: a check that a save stops before it
// ends counts as twice as long as it ran, and twice the guess before it,
// so that saves spaced closer than a long check takes get rebuilds without
// a check starting beside each.
func TestAStoppedCheckCountsTwiceItsRun(t *testing.T) {
	root := smallCopy(t)
	const ran = 150 * time.Millisecond
	checksAreLongFrom(t, 200*time.Millisecond) // over ran, under twice ran
	results := make(chan Result, 10)
	s, err := New(Config{Source: root, CheckAfter: 10 * time.Millisecond,
		OnBuild: func(r Result) { results <- r }})
	if err != nil {
		t.Fatal(err)
	}
	started := make(chan time.Time, 10)
	real := s.checker
	var calls atomic.Int32
	s.checker = func(ctx context.Context, at time.Time) (*check.Report, error) {
		started <- time.Now()
		if calls.Add(1) <= 2 {
			<-ctx.Done() // the first two never end by themselves: saves stop them
			return nil, ctx.Err()
		}
		return real(ctx, at)
	}
	running(t, s)
	page := filepath.Join(root, "content/pages/new.md")
	edit := func(text string) {
		t.Helper()
		if err := os.WriteFile(page, []byte("---\ntitle: New page\n---\n"+text+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	builtAt(t, results, "first build")
	receivedAt(t, started, "first check")
	time.Sleep(ran)
	edit("Body.")
	at := builtAt(t, results, "build of the edit")
	if waited := receivedAt(t, started, "check of the edit").Sub(at); waited < 2*ran-20*time.Millisecond {
		t.Errorf("the check of the edit started %v after its build; the stopped one ran %v, so it should wait twice that", waited, ran)
	}
	time.Sleep(ran / 3) // stopped sooner than the guess of 2*ran: the guess doubles
	edit("Second body.")
	at = builtAt(t, results, "build of the second edit")
	if waited := receivedAt(t, started, "check of the second edit").Sub(at); waited < 4*ran-20*time.Millisecond {
		t.Errorf("the check of the second edit started %v after its build; two were stopped, so it should wait %v", waited, 4*ran)
	}
}

// smallCopy is a copy of the small test site that a test may edit.
func smallCopy(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	if err := os.CopyFS(root, os.DirFS("../testdata/small")); err != nil {
		t.Fatal(err)
	}
	return root
}

// checksAreLongFrom sets longCheck to d until the test ends.
func checksAreLongFrom(t *testing.T, d time.Duration) {
	long := longCheck
	longCheck = d
	t.Cleanup(func() { longCheck = long })
}

// receivedAt waits up to 30 s for a moment on c, such as a check starting.
func receivedAt(t *testing.T, c <-chan time.Time, what string) time.Time {
	t.Helper()
	select {
	case at := <-c:
		return at
	case <-time.After(30 * time.Second):
		t.Fatalf("no %s within 30 s", what)
	}
	return time.Time{}
}

// builtAt waits up to 30 s for a good build on results and returns when it came.
func builtAt(t *testing.T, results <-chan Result, what string) time.Time {
	t.Helper()
	select {
	case r := <-results:
		if r.Err != nil {
			t.Fatal(r.Err)
		}
		return time.Now()
	case <-time.After(30 * time.Second):
		t.Fatalf("no %s within 30 s", what)
	}
	return time.Time{}
}

// running runs s until the test ends, then stops it and checks that Run
// returned cleanly; release, if any, runs between the two (a gate the
// test's builder waits at).
func running(t *testing.T, s *Server, release ...func()) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		for _, f := range release {
			f()
		}
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
	})
}
