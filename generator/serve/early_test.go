package serve_test

import (
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/pressroom/pressroom/generator/corpus"
	"github.com/pressroom/pressroom/generator/serve"
)

// TestFirstPageEarly: the page a browser asks for while the first build
// runs is served before the build has finished, and it is the page the
// finished build serves: the same bytes and build id, so the open page is
// not told to reload when the site is swapped in.
func TestFirstPageEarly(t *testing.T) {
	const n = 400
	root := t.TempDir()
	if err := corpus.Generate(root, n); err != nil {
		t.Fatal(err)
	}
	_, page := corpus.Release(n - 1)
	type answer struct {
		code int
		body string
		at   time.Time
	}
	built := make(chan time.Time, 1)
	h := begin(t, root, func(cfg *serve.Config) {
		cfg.NoCheck = true // its findings would come as events
		report := cfg.OnBuild
		cfg.OnBuild = func(r serve.Result) {
			if r.First {
				built <- time.Now()
			}
			report(r)
		}
	})
	got := make(chan answer, 1)
	go func() {
		resp, err := http.Get(h.url + page[1:])
		if err != nil {
			got <- answer{}
			return
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		got <- answer{resp.StatusCode, string(b), time.Now()}
	}()
	early := <-got
	if early.code != http.StatusOK {
		t.Fatalf("GET %s during the first build: status %d", page, early.code)
	}
	var done time.Time
	select {
	case done = <-built:
	case <-time.After(patience):
		t.Fatal("the first build did not finish")
	}
	if !early.at.Before(done) {
		t.Errorf("the page came %v after the first build finished; it should come before", early.at.Sub(done))
	}
	if r := h.nextOK(); !r.First {
		t.Fatalf("first result is not the first build: %+v", r)
	}
	if later := h.page(page); later != early.body {
		t.Errorf("the page served early differs from the built site's:\nearly: %.300s\nlater: %.300s", early.body, later)
	}
	if id := pageBuild(early.body); id == "" {
		t.Fatal("the page served early carries no build id")
	}
	ev := h.listen(page) // with the early page's build id: the same as the served site's
	select {
	case e := <-ev.events:
		t.Errorf("the page served early was sent %q %q; it is current", e.name, e.data)
	case <-time.After(300 * time.Millisecond):
	}
}
