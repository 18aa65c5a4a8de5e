package scaffold

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestInitDatesInTheSitesTimezone: the starter release is dated today in
// the starter's timezone (Europe/Berlin), not the machine's: at 23:30 UTC
// on 1 December it is already 2 December in Berlin.
func TestInitDatesInTheSitesTimezone(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	files, err := InitSite(dir, time.Date(2026, 12, 1, 23, 30, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	want := "content/press/2026-12-02-our-newsroom-is-live.md"
	found := false
	for _, f := range files {
		found = found || filepath.ToSlash(f) == want
	}
	if !found {
		t.Errorf("init wrote %q, want %s", files, want)
	}
	if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(want))); err != nil {
		t.Error(err)
	}
}

// TestNewPage: `new page` writes an undated draft page under content/pages/.
func TestNewPage(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if _, err := InitSite(dir, time.Now()); err != nil {
		t.Fatal(err)
	}
	rel, err := NewContent(dir, "page", `Über uns: "Who we are"`, time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC), "")
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join("content", "pages", "über-uns-who-we-are.md"); rel != want {
		t.Errorf("new page wrote %s, want %s", rel, want)
	}
	body, _ := os.ReadFile(filepath.Join(dir, rel))
	if !strings.Contains(string(body), `title: "Über uns: \"Who we are\""`) || !strings.Contains(string(body), "draft: true") {
		t.Errorf("the page reads:\n%s", body)
	}
	if _, err := NewContent(dir, "memo", "X", time.Now(), ""); err == nil || !strings.Contains(err.Error(), "press, blog, literature, event, page") {
		t.Errorf("an unknown kind: %v", err)
	}
}
