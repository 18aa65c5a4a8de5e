package main

import (
	"bytes"
	"context"
	"html/template"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// trialSite is a one-release site in Europe/Berlin with the small testdata's
// config and logo.
func trialSite(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	small := filepath.Join("..", "..", "generator", "testdata", "small")
	copyFile(t, filepath.Join(small, "config.toml"), filepath.Join(dir, "config.toml"))
	copyFile(t, filepath.Join(small, "content/assets/logos/acme.svg"), filepath.Join(dir, "content/assets/logos/acme.svg"))
	for name, body := range files {
		writeFile(t, filepath.Join(dir, name), body)
	}
	return dir
}

// TestAtTakesFrontMatterDates: --at reads a date or a date-time without an
// offset in the site's timezone (Europe/Berlin here), as front matter does.
func TestAtTakesFrontMatterDates(t *testing.T) {
	dir := trialSite(t, map[string]string{
		// 00:30 in Berlin on 1 December: still held at midnight there,
		// though no longer at midnight UTC.
		"content/press/2026-11-30-late.md": "---\ntitle: Late\nembargo: 2026-11-30T23:30:00Z\n---\n",
	})
	for _, at := range []string{"2026-12-01", "2026-12-01T00:00:00", "2026-12-01T00:00", "2026-12-01 00:00:00", "2026-12-01 00:00"} {
		t.Run(at, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			args := []string{"build", "--source", dir, "--dest", filepath.Join(t.TempDir(), "out"), "--at", at}
			if status := run(context.Background(), args, &stdout, &stderr); status != exitOK {
				t.Fatalf("status %d: %s", status, &stderr)
			}
			if !strings.Contains(stdout.String(), "Held back as of 1 Dec 2026 00:00 CET") ||
				!strings.Contains(stdout.String(), "content/press/2026-11-30-late.md") {
				t.Errorf("--at %s was not read as midnight in Berlin:\n%s", at, &stdout)
			}
		})
	}
	var stdout, stderr bytes.Buffer
	if status := run(context.Background(), []string{"build", "--source", dir, "--at", "1 Dec"}, &stdout, &stderr); status != exitMisuse ||
		!strings.Contains(stderr.String(), "2026-12-01T09:00") {
		t.Errorf("a bad --at: status %d, stderr %s", status, &stderr)
	}
}

// TestFutureBuildSaysItMustNotBePublished: a build as of a later moment
// says how many items it holds that are still held today.
func TestFutureBuildSaysItMustNotBePublished(t *testing.T) {
	now := time.Now()
	dir := trialSite(t, map[string]string{
		"content/press/2026-01-01-soon.md":  "---\ntitle: Soon\nembargo: " + now.Add(48*time.Hour).UTC().Format(time.RFC3339) + "\n---\n",
		"content/press/2026-01-02-later.md": "---\ntitle: Later\nembargo: " + now.Add(1000*time.Hour).UTC().Format(time.RFC3339) + "\n---\n",
		"content/press/2026-01-03-out.md":   "---\ntitle: Out\ndate: 2026-01-03\n---\n",
		"content/press/2026-01-04-draft.md": "---\ntitle: Draft\ndraft: true\n---\n",
	})
	dest := filepath.Join(t.TempDir(), "out")
	build := func(at time.Time, extra ...string) (string, string) {
		t.Helper()
		var stdout, stderr bytes.Buffer
		args := append([]string{"build", "--source", dir, "--dest", dest, "--at", at.Format(time.RFC3339)}, extra...)
		if status := run(context.Background(), args, &stdout, &stderr); status != exitOK {
			t.Fatalf("status %d: %s", status, &stderr)
		}
		return stdout.String(), stderr.String()
	}
	_, stderr := build(now.Add(72 * time.Hour))
	if !strings.Contains(stderr, "Note: built as of ") || !strings.Contains(stderr, "1 item still held today is in "+dest+string(filepath.Separator)+": do not publish this output") {
		t.Errorf("no note on a future build:\n%s", stderr)
	}
	if n := strings.Count(stderr, "\n"); n != 1 {
		t.Errorf("the note is %d lines, want 1:\n%s", n, stderr)
	}
	if _, stderr := build(now.Add(2000*time.Hour), "--drafts"); !strings.Contains(stderr, "2 items still held today are in") {
		t.Errorf("a later build with drafts:\n%s", stderr)
	}
	if _, stderr := build(now.Add(-time.Hour)); strings.Contains(stderr, "Note:") {
		t.Errorf("a past build has a note:\n%s", stderr)
	}
	if _, stderr := build(now.Add(24 * time.Hour)); strings.Contains(stderr, "Note:") {
		t.Errorf("a future build that publishes nothing held today has a note:\n%s", stderr)
	}
}

// TestHugoHabits: -D is --drafts and --baseURL is --base-url, as in Hugo.
func TestHugoHabits(t *testing.T) {
	dir := trialSite(t, map[string]string{
		"content/press/2026-01-04-draft.md": "---\ntitle: Draft\ndraft: true\n---\n",
	})
	dest := filepath.Join(t.TempDir(), "out")
	var stdout, stderr bytes.Buffer
	args := []string{"build", "--source", dir, "--dest", dest, "-D", "--baseURL", "https://other.example/", "--at", "2026-11-24T10:00:00Z"}
	if status := run(context.Background(), args, &stdout, &stderr); status != exitOK {
		t.Fatalf("status %d: %s", status, &stderr)
	}
	if strings.Contains(stdout.String(), "draft (build with --drafts") {
		t.Errorf("-D held the draft:\n%s", &stdout)
	}
	page, err := os.ReadFile(filepath.Join(dest, "press", "draft", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(page), "https://other.example/") {
		t.Error("--baseURL did not set the base URL")
	}
	for _, cmd := range []string{"build", "serve"} {
		stdout.Reset()
		run(context.Background(), []string{cmd, "-h"}, &stdout, &stderr)
		if strings.Contains(stdout.String(), "-D ") || strings.Contains(stdout.String(), "-baseURL string") {
			t.Errorf("%s -h lists the other spellings as flags of their own:\n%s", cmd, &stdout)
		}
	}
}

// TestNewWritesTitlesAsYAML: `new` writes any title so that the file loads
// and builds with that very title: quotes, colons, #, backslashes, YAML
// words and non-ASCII.
func TestNewWritesTitlesAsYAML(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	var out, errOut bytes.Buffer
	if s := run(context.Background(), []string{"init", dir}, &out, &errOut); s != exitOK {
		t.Fatalf("init: %d %s", s, &errOut)
	}
	titles := map[string]string{ // title -> the page its build writes
		`Quillfeather åbner i Århus: "Vi bliver" – 日本`:   "press/quillfeather-åbner-i-århus-vi-bliver-日本",
		`It's a quoted headline`:                         "press/its-a-quoted-headline",
		`#1 in C:\Windows\ and \n, not a newline`:        "press/1-in-c-windows-and-n-not-a-newline",
		`'Single' {braces} [brackets] *star &anchor | >`: "press/single-braces-brackets-star-anchor",
		`yes`:               "press/yes",
		`2026-01-01`:        "press/2026-01-01",
		`@ and %: a - dash`: "press/and-a-dash",
		`-dash first`:       "press/dash-first",
	}
	for title := range titles {
		out.Reset()
		errOut.Reset()
		if s := run(context.Background(), []string{"new", "--source", dir, "--", "press", title}, &out, &errOut); s != exitOK {
			t.Fatalf("new press %q: %d %s", title, s, &errOut)
		}
		// Published, so that the build shows each.
		p := filepath.Join(dir, strings.Fields(out.String())[1])
		body, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, p, strings.Replace(string(body), "draft: true", "draft: false", 1))
	}
	out.Reset()
	dest := filepath.Join(t.TempDir(), "out")
	if s := run(context.Background(), []string{"build", "--source", dir, "--dest", dest}, &out, &errOut); s != exitOK {
		t.Fatalf("build: %d %s", s, &errOut)
	}
	for title, page := range titles {
		html, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(page), "index.html"))
		if err != nil {
			t.Errorf("%q: %v", title, err)
			continue
		}
		if want := template.HTMLEscapeString(title); !bytes.Contains(html, []byte(want)) {
			t.Errorf("%s does not show the title %s", page, want)
		}
	}
}

// TestNewRefusesAnArchetypeThatBreaks: a site's archetype that pastes the
// title into quotes makes a file that would not load: new says so and
// writes nothing.
func TestNewRefusesAnArchetypeThatBreaks(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	var out, errOut bytes.Buffer
	run(context.Background(), []string{"init", dir}, &out, &errOut)
	writeFile(t, filepath.Join(dir, "archetypes/press.md"), "---\ntitle: \"{{.Title}}\"\ndate: {{.Date}}\n---\n")
	errOut.Reset()
	if s := run(context.Background(), []string{"new", "press", `Say "hello"`, "--source", dir}, &out, &errOut); s != exitSite ||
		!strings.Contains(errOut.String(), "{{yaml .Title}}") {
		t.Errorf("status %d: %s", s, &errOut)
	}
	if files, _ := filepath.Glob(filepath.Join(dir, "content/press/*say-hello*")); len(files) > 0 {
		t.Errorf("new wrote %s", files)
	}
}

// TestInitIntoAFolderThatHoldsFiles: init refuses a folder holding any file
// it would write, and writes nothing then; other files are no obstacle. The
// next step it prints works from where the user is.
func TestInitIntoAFolderThatHoldsFiles(t *testing.T) {
	var out, errOut bytes.Buffer
	taken := t.TempDir()
	writeFile(t, filepath.Join(taken, "README-AUTHORS.md"), "ours")
	if s := run(context.Background(), []string{"init", taken}, &out, &errOut); s != exitSite ||
		!strings.Contains(errOut.String(), "already holds README-AUTHORS.md, which init would write: nothing was written") {
		t.Errorf("init over README-AUTHORS.md: status %d: %s", s, &errOut)
	}
	if _, err := os.Stat(filepath.Join(taken, "config.toml")); err == nil {
		t.Error("init wrote config.toml into a folder it refused")
	}

	spaced := filepath.Join(t.TempDir(), "my newsroom")
	writeFile(t, filepath.Join(spaced, "notes.txt"), "not init's")
	out.Reset()
	if s := run(context.Background(), []string{"init", spaced}, &out, &errOut); s != exitOK || !strings.Contains(out.String(), "  cd '"+spaced+"'\n") {
		t.Errorf("init into a folder with other files: status %d: %s%s", s, &out, &errOut)
	}

	t.Chdir(t.TempDir())
	out.Reset()
	if s := run(context.Background(), []string{"init", "."}, &out, &errOut); s != exitOK {
		t.Fatalf("init .: status %d: %s", s, &errOut)
	}
	if strings.Contains(out.String(), "cd ") || !strings.Contains(out.String(), "A new site is in this folder. Next:\n  pressroom serve") {
		t.Errorf("init . says:\n%s", &out)
	}
}
