package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestInitNewBuild does what a new user does: init a site, add a release,
// a post and a fact sheet, and build it.
func TestInitNewBuild(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "newsroom")
	var out, errOut bytes.Buffer
	if s := run(context.Background(), []string{"init", dir}, &out, &errOut); s != exitOK {
		t.Fatalf("init: %d %s", s, &errOut)
	}
	today := siteToday(t)
	for _, f := range []string{"config.toml", "README-AUTHORS.md", "content/assets/logos/logo.svg.yaml",
		"content/press/" + today + "-our-newsroom-is-live.md"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("init did not write %s", f)
		}
	}
	if s := run(context.Background(), []string{"init", dir}, &out, &errOut); s != exitSite || !strings.Contains(errOut.String(), "already holds a site") {
		t.Errorf("a second init into the same folder gave %d: %s", s, &errOut)
	}
	for _, c := range []struct{ kind, title, file string }{
		{"press", "Q3 Results: Record Growth!", "content/press/" + today + "-q3-results-record-growth.md"},
		{"blog", "Hello, World", "content/blog/" + today + "-hello-world.md"},
		{"literature", "Company Fact Sheet", "content/literature/company-fact-sheet.md"},
		{"event", "Results: Press Conference", "content/events/" + today + "-results-press-conference.md"},
		{"page", "Our Story", "content/pages/our-story.md"},
	} {
		out.Reset()
		errOut.Reset()
		if s := run(context.Background(), []string{"new", c.kind, c.title, "--source", dir}, &out, &errOut); s != exitOK {
			t.Fatalf("new %s: %d %s", c.kind, s, &errOut)
		}
		body, err := os.ReadFile(filepath.Join(dir, c.file))
		if err != nil {
			t.Fatalf("new %s wrote %s, not %s", c.kind, &out, c.file)
		}
		if c.kind == "page" {
			if !bytes.Contains(body, []byte(`title: "`+c.title+`"`)) || !bytes.Contains(body, []byte("weight:")) || bytes.Contains(body, []byte("date:")) {
				t.Errorf("%s lacks its title or weight, or is dated:\n%s", c.file, body)
			}
		} else if !bytes.Contains(body, []byte(`title: "`+c.title+`"`)) || !bytes.Contains(body, []byte("date: "+today)) || !bytes.Contains(body, []byte("# embargo:")) {
			t.Errorf("%s lacks its title, date or commented keys:\n%s", c.file, body)
		}
		if s := run(context.Background(), []string{"new", c.kind, c.title, "--source", dir}, &out, &errOut); s != exitSite || !strings.Contains(errOut.String(), "already exists") {
			t.Errorf("new %s overwrote its file (status %d)", c.kind, s)
		}
	}
	if s := run(context.Background(), []string{"new", "memo", "X", "--source", dir}, &out, &errOut); s == exitOK {
		t.Error("new accepted an unknown kind")
	}
	out.Reset()
	if s := run(context.Background(), []string{"build", "--source", dir, "--drafts"}, &out, &errOut); s != exitOK {
		t.Fatalf("build of the new site: %d %s", s, &errOut)
	}
	page, err := os.ReadFile(filepath.Join(dir, "public/press/q3-results-record-growth/index.html"))
	if err != nil || !bytes.Contains(page, []byte("Q3 Results: Record Growth!")) {
		t.Errorf("the new release was not built: %v", err)
	}
	if story, err := os.ReadFile(filepath.Join(dir, "public/our-story/index.html")); err != nil || !bytes.Contains(story, []byte("<h1>Our Story</h1>")) {
		t.Errorf("the new page was not built: %v", err)
	}
	if event, err := os.ReadFile(filepath.Join(dir, "public/events/results-press-conference/index.html")); err != nil || !bytes.Contains(event, []byte("Results: Press Conference")) {
		t.Errorf("the new event was not built: %v", err)
	}
	if !bytes.Contains(page, []byte(`href="/our-story/"`)) {
		t.Error("the navigation does not link the new page")
	}
}

func TestSiteArchetypeOverridesTheTheme(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	var out, errOut bytes.Buffer
	run(context.Background(), []string{"init", dir}, &out, &errOut)
	writeFile(t, filepath.Join(dir, "archetypes/press.md"), "---\ntitle: \"{{.Title}}\"\ndate: {{.Date}}\nlocation: HAMBURG\n---\nOur template.\n")
	if s := run(context.Background(), []string{"new", "press", "Own template", "--source", dir}, &out, &errOut); s != exitOK {
		t.Fatal(errOut.String())
	}
	body, _ := os.ReadFile(filepath.Join(dir, "content/press", siteToday(t)+"-own-template.md"))
	if !bytes.Contains(body, []byte("Our template.")) {
		t.Errorf("the site's archetype was not used:\n%s", body)
	}
}

// siteToday is today's date in the starter site's time zone, as `new` dates files.
func siteToday(t *testing.T) string {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	return time.Now().In(berlin).Format("2006-01-02")
}
