package scaffold

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pressroom/pressroom/generator/content"
)

func bilingualSite(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	if _, err := InitSite(dir, time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(dir, "config.toml")
	data, _ := os.ReadFile(cfg)
	os.WriteFile(cfg, append(data, "\n[languages.de]\ntimezone = \"Asia/Tokyo\"\n"...), 0o644)
	return dir
}

// TestNewInALanguage: --lang de names the file NAME.de.md, dated in the
// language's zone; a language the site lacks is refused.
func TestNewInALanguage(t *testing.T) {
	dir := bilingualSite(t)
	// 20:00 UTC on 1 December is already 2 December in Tokyo.
	rel, err := NewContent(dir, "press", "Neues Werk", time.Date(2026, 12, 1, 20, 0, 0, 0, time.UTC), "de")
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.FromSlash("content/press/2026-12-02-neues-werk.de.md"); rel != want {
		t.Errorf("wrote %s, want %s", rel, want)
	}
	if _, err := NewContent(dir, "press", "X", time.Now(), "fr"); err == nil || !strings.Contains(err.Error(), `no language "fr"`) {
		t.Errorf("an unknown language: %v", err)
	}
}

// TestTranslate: --translate writes NAME.de.md beside the original with
// its front matter, as a draft, and its text to translate; never twice.
func TestTranslate(t *testing.T) {
	dir := bilingualSite(t)
	orig := "content/press/2026-11-03-new-plant.md"
	os.WriteFile(filepath.Join(dir, orig), []byte("---\ntitle: New plant\nembargo: 2026-12-03T09:00:00\ndraft: false\ntags: [storage]\n---\nThe plant opens.\n"), 0o644)
	rel, err := Translate(dir, filepath.Join(dir, orig), "de")
	if err != nil {
		t.Fatal(err)
	}
	if rel != "content/press/2026-11-03-new-plant.de.md" {
		t.Errorf("wrote %s", rel)
	}
	data, _ := os.ReadFile(filepath.Join(dir, rel))
	front, err := content.Parse("press", rel, data, time.UTC)
	if err != nil {
		t.Fatalf("the skeleton does not load: %v\n%s", err, data)
	}
	if !front.Draft || front.Title != "New plant" || front.Embargo.IsZero() || len(front.Tags) != 1 {
		t.Errorf("the skeleton's front matter: %+v", front)
	}
	if !strings.Contains(string(data), "The plant opens.") {
		t.Errorf("the skeleton lacks the text to translate:\n%s", data)
	}
	if _, err := Translate(dir, orig, "de"); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("a second translation: %v", err)
	}
	if _, err := Translate(dir, rel, "de"); err == nil || !strings.Contains(err.Error(), "translation") {
		t.Errorf("translating a translation: %v", err)
	}
	if _, err := Translate(dir, orig, "en"); err == nil {
		t.Error("translating into the default language must be refused")
	}
}
