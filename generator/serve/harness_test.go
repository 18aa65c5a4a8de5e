package serve_test

import (
	"bufio"
	"context"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pressroom/pressroom/generator/serve"
)

// patience bounds every wait: generous, since CI machines are slow and the
// race detector slows builds further. No test asserts on a shorter time.
const patience = 30 * time.Second

// copySite copies a site from testdata into a fresh temporary folder.
func copySite(t testing.TB, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// writeFile writes a file of the site, creating folders as needed.
func writeFile(t testing.TB, root, rel, text string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// harness is a running server and what it reported.
type harness struct {
	t       testing.TB
	root    string
	url     string
	results chan serve.Result
	warns   chan error
	cancel  context.CancelFunc
	done    chan error
}

// start serves root on a free port of 127.0.0.1 and waits for the first build.
func start(t testing.TB, root string, tweak ...func(*serve.Config)) *harness {
	t.Helper()
	h := begin(t, root, tweak...)
	if r := h.next(); !r.First {
		t.Fatalf("first result is not the first build: %+v", r)
	}
	return h
}

// begin serves root on a free port of 127.0.0.1, its first build running.
func begin(t testing.TB, root string, tweak ...func(*serve.Config)) *harness {
	t.Helper()
	h := &harness{t: t, root: root, results: make(chan serve.Result, 100), warns: make(chan error, 100)}
	cfg := serve.Config{Source: root, Port: 0,
		OnBuild:   func(r serve.Result) { h.results <- r },
		OnWarning: func(err error) { h.warns <- err }}
	for _, f := range tweak {
		f(&cfg)
	}
	srv, err := serve.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	h.url = srv.URL()
	ctx, cancel := context.WithCancel(context.Background())
	h.cancel, h.done = cancel, make(chan error, 1)
	go func() { h.done <- srv.Run(ctx) }()
	t.Cleanup(h.stop)
	return h
}

// stop cancels the server and checks that it shut down cleanly.
func (h *harness) stop() {
	h.cancel()
	select {
	case err := <-h.done:
		if err != nil {
			h.t.Errorf("Run: %v", err)
		}
		h.done <- nil // a second stop returns at once
	case <-time.After(patience):
		h.t.Errorf("the server did not shut down within %v", patience)
	}
}

// on returns the harness for use in subtest t.
func (h *harness) on(t testing.TB) *harness {
	c := *h
	c.t = t
	return &c
}

// next waits for the next finished build.
func (h *harness) next() serve.Result {
	h.t.Helper()
	select {
	case r := <-h.results:
		return r
	case <-time.After(patience):
		h.t.Fatalf("no build finished within %v", patience)
	}
	return serve.Result{}
}

// nextOK waits for the next build and fails the test if it failed.
func (h *harness) nextOK() serve.Result {
	h.t.Helper()
	r := h.next()
	if r.Err != nil {
		h.t.Fatalf("the build failed: %v", r.Err)
	}
	return r
}

// built waits for the build a change of source (relative to the root)
// caused, skipping builds that finished before it; a failed one fails the test.
func (h *harness) built(source string) serve.Result {
	h.t.Helper()
	for {
		r := h.nextOK()
		if slices.Contains(r.Sources, source) {
			return r
		}
	}
}

// failed waits for a build that failed.
func (h *harness) failed() serve.Result {
	h.t.Helper()
	for {
		if r := h.next(); r.Err != nil {
			return r
		}
	}
}

// drain forgets the builds reported so far.
func (h *harness) drain() {
	for {
		select {
		case <-h.results:
		default:
			return
		}
	}
}

// change listens on the page at path as a browser would, makes an edit of
// source, waits for the build it caused and for the page to be told to
// reload to that build, and returns the page as served then.
func (h *harness) change(path, source string, edit func()) string {
	h.t.Helper()
	ev := h.listen(path)
	edit()
	h.built(source)
	body := h.page(path)
	ev.waitFor("reload", pageBuild(body))
	return body
}

// get fetches a path of the served site.
func (h *harness) get(path string) (int, string, http.Header) {
	h.t.Helper()
	resp, err := http.Get(h.url + strings.TrimPrefix(path, "/"))
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		h.t.Fatal(err)
	}
	return resp.StatusCode, string(body), resp.Header
}

// page fetches a page and fails unless it is served with status 200.
func (h *harness) page(path string) string {
	h.t.Helper()
	code, body, _ := h.get(path)
	if code != http.StatusOK {
		h.t.Fatalf("GET %s: status %d", path, code)
	}
	return body
}

var h1 = regexp.MustCompile(`<h1[^>]*>([^<]*)</h1>`)

// heading is a page's first <h1>.
func heading(page string) string {
	if m := h1.FindStringSubmatch(page); m != nil {
		return m[1]
	}
	return ""
}

var buildID = regexp.MustCompile(`/_pressroom/events\?build=([^"]*)"`)

// pageBuild is the build id a served page carries to the event stream.
func pageBuild(page string) string {
	if m := buildID.FindStringSubmatch(page); m != nil {
		return m[1]
	}
	return ""
}

// event is one Server-Sent Event.
type event struct{ name, data string }

// stream reads the server's event stream with net/http.
type stream struct {
	t      testing.TB
	events chan event
	body   io.Closer
	once   sync.Once
}

// listen opens the event stream as the page at path would, and returns
// once the server has taken the subscription.
func (h *harness) listen(path string) *stream {
	h.t.Helper()
	url := h.url + "_pressroom/events"
	_, page, _ := h.get(path)
	if id := pageBuild(page); id != "" {
		url += "?build=" + id
	}
	resp, err := http.Get(url)
	if err != nil {
		h.t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/event-stream") {
		h.t.Fatalf("event stream Content-Type %q", ct)
	}
	s := &stream{t: h.t, events: make(chan event, 100), body: resp.Body}
	ready := make(chan struct{})
	go s.read(resp.Body, ready)
	select {
	case <-ready:
	case <-time.After(patience):
		h.t.Fatal("the event stream did not start")
	}
	h.t.Cleanup(s.close)
	return s
}

func (s *stream) close() { s.once.Do(func() { s.body.Close() }) }

// read parses the stream: "retry:" comes first (then the subscription is
// live), then events as "event:" and "data:" lines ended by a blank line.
func (s *stream) read(r io.Reader, ready chan struct{}) {
	defer close(s.events)
	sc := bufio.NewScanner(r)
	var ev event
	var data []string
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "retry:"):
			close(ready)
		case strings.HasPrefix(line, "event: "):
			ev.name = strings.TrimPrefix(line, "event: ")
		case strings.HasPrefix(line, "data: "):
			data = append(data, strings.TrimPrefix(line, "data: "))
		case line == "" && ev.name != "":
			ev.data = strings.Join(data, "\n")
			s.events <- ev
			ev, data = event{}, nil
		}
	}
}

// wait returns the next event of that name, skipping others.
func (s *stream) wait(name string) event {
	s.t.Helper()
	return s.waitFor(name, "")
}

// waitFor returns the next event of that name and data ("" for any data).
func (s *stream) waitFor(name, data string) event {
	s.t.Helper()
	deadline := time.After(patience)
	for {
		select {
		case ev, ok := <-s.events:
			if !ok {
				s.t.Fatalf("the event stream ended while waiting for %q", name)
			}
			if ev.name == name && (data == "" || ev.data == data) {
				return ev
			}
		case <-deadline:
			s.t.Fatalf("no %q event (data %q) within %v", name, data, patience)
		}
	}
}
