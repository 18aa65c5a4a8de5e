package kits

import (
	"crypto/sha256"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pressroom/pressroom/generator/content"
)

// TestKitRefusesAFileChangedSinceItWasHashed: a kit is keyed by the hashes
// the build took of its files; a file that holds other bytes when the kit
// is written would put another version under that key.
func TestKitRefusesAFileChangedSinceItWasHashed(t *testing.T) {
	root := t.TempDir()
	if err := os.WriteFile(filepath.Join(root, "logo.svg"), []byte("<svg>new</svg>"), 0o644); err != nil {
		t.Fatal(err)
	}
	kit := func(hashed string) *Kit {
		a := &content.Asset{Name: "logo.svg", Source: "logo.svg", Hash: sha256.Sum256([]byte(hashed))}
		return &Kit{Path: "press-kit.zip", Folder: "kit", Date: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
			Files: []File{{Path: "logo.svg", Source: a.Source, Asset: a}}}
	}
	if err := writeZip(io.Discard, root, kit("<svg>new</svg>")); err != nil {
		t.Errorf("a file as hashed: %v", err)
	}
	err := writeZip(io.Discard, root, kit("<svg>old</svg>"))
	if err == nil || !strings.Contains(err.Error(), "logo.svg changed while the build read it") {
		t.Errorf("a file changed since it was hashed: %v", err)
	}
}
