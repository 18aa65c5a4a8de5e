package serve_test

import (
	"context"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pressroom/pressroom/generator/serve"
)

const small = "../testdata/small"

const secondRelease = `+++
title = "%s"
date = 2026-02-01T10:00:00
slug = "second-release"
tags = ["storage"]
summary = "Capacity doubles in Leipzig."
+++
Second release body.
`

func release(title string) string { return strings.Replace(secondRelease, "%s", title, 1) }

// TestLiveEdits drives one server through the edits authors make and checks
// after each that the served bytes changed and that the browsers were told.
func TestLiveEdits(t *testing.T) {
	root := copySite(t, small)
	h := start(t, root)
	const page, second = "/press/second-release/", "content/press/second.md"
	if got := heading(h.page(page)); got != "Acme doubles capacity" {
		t.Fatalf("first build: heading %q", got)
	}

	t.Run("edit in place", func(t *testing.T) {
		h := h.on(t)
		body := h.change(page, second, func() { writeFile(t, root, second, release("Acme triples capacity")) })
		if got := heading(body); got != "Acme triples capacity" {
			t.Errorf("heading %q after the edit", got)
		}
	})

	t.Run("save by rename", func(t *testing.T) {
		h := h.on(t)
		body := h.change(page, second, func() {
			tmp := filepath.Join(root, second+".tmp")
			if err := os.WriteFile(tmp, []byte(release("Acme quadruples capacity")), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.Rename(tmp, filepath.Join(root, second)); err != nil {
				t.Fatal(err)
			}
		})
		if got := heading(body); got != "Acme quadruples capacity" {
			t.Errorf("heading %q after the rename", got)
		}
	})

	t.Run("new bundle folder", func(t *testing.T) {
		h := h.on(t)
		const bundle = "content/press/2026-04-01-wind/index.md"
		h.change("/press/", bundle, func() { writeFile(t, root, bundle, "---\ntitle: Acme goes wind\n---\nBlades.\n") })
		if got := heading(h.page("/press/wind/")); got != "Acme goes wind" {
			t.Errorf("new bundle: heading %q", got)
		}
		// The new folder is watched: an edit inside it rebuilds too.
		body := h.change("/press/wind/", bundle, func() { writeFile(t, root, bundle, "---\ntitle: Acme goes offshore\n---\nBlades.\n") })
		if got := heading(body); got != "Acme goes offshore" {
			t.Errorf("edit in the new bundle: heading %q", got)
		}
	})

	t.Run("delete", func(t *testing.T) {
		h := h.on(t)
		const about = "content/pages/about.md"
		h.change("/", about, func() {
			if err := os.Remove(filepath.Join(root, about)); err != nil {
				t.Fatal(err)
			}
		})
		code, body, hdr := h.get("/about/")
		if code != http.StatusNotFound || !strings.Contains(body, "<html") || !strings.HasPrefix(hdr.Get("Content-Type"), "text/html") {
			t.Errorf("deleted page: status %d, Content-Type %q; want the site's 404.html with 404", code, hdr.Get("Content-Type"))
		}
	})

	t.Run("broken front matter, then fixed", func(t *testing.T) {
		h := h.on(t)
		ev := h.listen(page)
		writeFile(t, root, second, "+++\ntitle = \"Half written\"\n")
		errs := ev.wait("errors")
		if !strings.Contains(errs.data, second+":") {
			t.Errorf("errors event %q does not name the file and line", errs.data)
		}
		h.failed()
		if got := heading(h.page(page)); got != "Acme quadruples capacity" {
			t.Errorf("while broken, heading %q: want the last good build", got)
		}
		body := h.change(page, second, func() { writeFile(t, root, second, release("Acme repaired")) })
		if got := heading(body); got != "Acme repaired" {
			t.Errorf("after the fix, heading %q", got)
		}
	})

	t.Run("config.toml", func(t *testing.T) {
		h := h.on(t)
		cfg, err := os.ReadFile(filepath.Join(root, "config.toml"))
		if err != nil {
			t.Fatal(err)
		}
		body := h.change("/", "config.toml", func() {
			writeFile(t, root, "config.toml", strings.Replace(string(cfg), "Acme Newsroom", "Acme Press Room", 1))
		})
		if !strings.Contains(body, "Acme Press Room") {
			t.Error("the home page does not show the new site title")
		}
	})

	t.Run("theme override created later", func(t *testing.T) {
		h := h.on(t)
		const footer = "themes/default/layouts/partials/footer.html"
		if body := h.change("/", footer, func() { writeFile(t, root, footer, "<footer>override one</footer>") }); !strings.Contains(body, "override one") {
			t.Fatal("the theme override is not used")
		}
		if body := h.change("/", footer, func() { writeFile(t, root, footer, "<footer>override two</footer>") }); !strings.Contains(body, "override two") {
			t.Error("an edit in the new theme folder was missed")
		}
	})

	t.Run("editor files and chmod are ignored", func(t *testing.T) {
		h := h.on(t)
		h.drain()
		for _, name := range []string{".second.md.swp", "second.md~", "4913", "#second.md#", ".hidden.md"} {
			writeFile(t, root, "content/press/"+name, "junk")
		}
		if err := os.Chmod(filepath.Join(root, second), 0o600); err != nil {
			t.Fatal(err)
		}
		const hello = "content/blog/2026-02-10-hello.md"
		writeFile(t, root, hello, "---\ntitle: Hello again\nauthor: Ada Example\n---\nWe write here.\n")
		for {
			r := h.nextOK()
			if want := []string{hello}; !reflect.DeepEqual(r.Sources, want) {
				t.Errorf("a build for %q: only %q should have caused one", r.Sources, want)
			}
			if slices.Contains(r.Sources, hello) {
				break
			}
		}
	})
}

// TestBurstIsOneBuild writes many files at once: they fold into few builds
// and the last write is always in the served site.
func TestBurstIsOneBuild(t *testing.T) {
	root := copySite(t, small)
	h := start(t, root)
	for i := 1; i <= 20; i++ {
		writeFile(t, root, "content/press/second.md", release("Burst "+strconv.Itoa(i)))
	}
	builds := 0
	for {
		h.nextOK()
		builds++
		if heading(h.page("/press/second-release/")) == "Burst 20" {
			break
		}
	}
	if builds > 3 {
		t.Errorf("20 quick writes made %d builds", builds)
	}
}

// TestEmbargoLifts checks that a held release publishes itself at its
// moment, with no edit: once with an injected clock, once with the real one.
func TestEmbargoLifts(t *testing.T) {
	t.Run("injected clock", func(t *testing.T) {
		t.Parallel()
		base := time.Date(2030, 1, 1, 9, 0, 0, 0, time.UTC)
		began := time.Now()
		clock := func() time.Time { return base.Add(time.Since(began)) }
		embargoLifts(t, base.Add(2*time.Second), func(c *serve.Config) { c.Now = clock })
	})
	t.Run("real clock", func(t *testing.T) {
		t.Parallel()
		embargoLifts(t, time.Now().Add(3*time.Second).Truncate(time.Second), nil)
	})
}

func embargoLifts(t *testing.T, lift time.Time, clock func(*serve.Config)) {
	root := copySite(t, small)
	writeFile(t, root, "content/press/2026-01-20-merger.md", "---\ntitle: Acme merges\nembargo: "+
		lift.UTC().Format(time.RFC3339)+"\n---\nBig news.\n")
	var tweaks []func(*serve.Config)
	if clock != nil {
		tweaks = append(tweaks, clock)
	}
	h := start(t, root, tweaks...)
	if code, _, _ := h.get("/press/merger/"); code != http.StatusNotFound {
		t.Fatalf("embargoed release served with status %d before its moment", code)
	}
	if strings.Contains(h.page("/press/"), "Acme merges") {
		t.Fatal("the embargoed release is listed before its moment")
	}
	ev := h.listen("/press/")
	r := h.nextOK()
	if r.Reason != "embargo lift" {
		t.Errorf("rebuild reason %q, want the embargo lift", r.Reason)
	}
	if r.At.Before(lift) {
		t.Errorf("the lift build was made as of %v, before the embargo %v", r.At, lift)
	}
	ev.wait("reload")
	if got := heading(h.page("/press/merger/")); got != "Acme merges" {
		t.Errorf("after the lift, heading %q", got)
	}
}

// TestStartBroken serves the errors until the site is fixed.
func TestStartBroken(t *testing.T) {
	root := copySite(t, small)
	writeFile(t, root, "content/press/second.md", "+++\ntitle = \"never closed\"\n")
	srvCfg := serve.Config{Source: root}
	results := make(chan serve.Result, 10)
	srvCfg.OnBuild = func(r serve.Result) { results <- r }
	h := &harness{t: t, root: root, results: results}
	srv, err := serve.New(srvCfg)
	if err != nil {
		t.Fatal(err)
	}
	h.url = srv.URL()
	ctx, cancel := context.WithCancel(context.Background())
	h.cancel, h.done = cancel, make(chan error, 1)
	go func() { h.done <- srv.Run(ctx) }()
	t.Cleanup(h.stop)
	if r := h.next(); r.Err == nil {
		t.Fatal("the broken site built")
	}
	code, body, _ := h.get("/press/")
	if code != http.StatusServiceUnavailable || !strings.Contains(body, "content/press/second.md:") {
		t.Fatalf("before any good build: status %d, body lacks the error:\n%s", code, body)
	}
	ev := h.listen("/")
	writeFile(t, root, "content/press/second.md", release("Fixed"))
	ev.wait("reload")
	h.nextOK()
	if got := heading(h.page("/press/second-release/")); got != "Fixed" {
		t.Errorf("after the fix, heading %q", got)
	}
}

// TestServing checks the HTTP side: types, index pages, redirects, 404.
func TestServing(t *testing.T) {
	h := start(t, copySite(t, small))
	for _, c := range []struct {
		path, ctype string
		code        int
	}{
		{"/", "text/html; charset=utf-8", 200},
		{"/press/", "text/html; charset=utf-8", 200},
		{"/press/index.html", "text/html; charset=utf-8", 200},
		{"/css/pressroom.css", "text/css; charset=utf-8", 200},
		{"/sitemap.xml", "application/xml; charset=utf-8", 200},
		{"/robots.txt", "text/plain; charset=utf-8", 200},
		{"/assets/logos/acme.svg", "image/svg+xml", 200},
		{"/press/bundle-launch/photo.png", "image/png", 200},
		{"/no/such/page/", "text/html; charset=utf-8", 404},
		{"/../../etc/passwd", "text/html; charset=utf-8", 404},
	} {
		code, _, hdr := h.get(c.path)
		if code != c.code || hdr.Get("Content-Type") != c.ctype {
			t.Errorf("GET %s: %d %q, want %d %q", c.path, code, hdr.Get("Content-Type"), c.code, c.ctype)
		}
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Get(h.url + "press")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != "/press/" {
		t.Errorf("GET /press: %d to %q, want a redirect to /press/", resp.StatusCode, resp.Header.Get("Location"))
	}
	if !strings.HasPrefix(h.url, "http://127.0.0.1:") {
		t.Errorf("served at %s, want 127.0.0.1 by default", h.url)
	}
	if !strings.Contains(h.page("/"), h.url) {
		t.Error("pages are not built for the served address")
	}
}

// TestNeverWritesPublic: serve keeps its builds in memory (SPEC rule 3).
func TestNeverWritesPublic(t *testing.T) {
	root := copySite(t, small)
	h := start(t, root)
	writeFile(t, root, "content/press/second.md", release("Edited"))
	h.nextOK()
	if _, err := os.Stat(filepath.Join(root, "public")); !os.IsNotExist(err) {
		t.Errorf("serve created public/: %v", err)
	}
}

func TestPortInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	_, err = serve.New(serve.Config{Source: copySite(t, small), Port: port})
	want := "port " + strconv.Itoa(port) + " is in use: try --port "
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("New on a busy port: %v, want %q", err, want)
	}
}

func TestNoConfig(t *testing.T) {
	_, err := serve.New(serve.Config{Source: t.TempDir()})
	if err == nil || !strings.Contains(err.Error(), "no config.toml in") {
		t.Errorf("New without config.toml: %v", err)
	}
}

// TestShutdownWithOpenStream: Ctrl-C ends the event streams and Run returns.
func TestShutdownWithOpenStream(t *testing.T) {
	h := start(t, copySite(t, small))
	ev := h.listen("/")
	h.stop()
	select {
	case _, ok := <-ev.events:
		if ok {
			t.Error("an event arrived during shutdown")
		}
	case <-time.After(patience):
		t.Error("the event stream stayed open after shutdown")
	}
}
