package images_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/pressroom/pressroom/generator"
	"github.com/pressroom/pressroom/generator/diag"
	"github.com/pressroom/pressroom/generator/diskcache"
	"github.com/pressroom/pressroom/generator/images"
	"github.com/pressroom/pressroom/generator/output"
)

const config = `title = "Test Newsroom"
baseURL = "https://news.test.example/"
timezone = "Europe/Berlin"

[organization]
name = "Test Org"
boilerplate = "Test Org makes tests."
`

// TestBuildRefusesAnImageBomb builds a site whose library holds PNGs of a
// few hundred bytes declaring 20000 × 20000 and 40000 × 40000 pixels: the
// build is refused, naming each file and the limit, having allocated
// megabytes, not the gigabytes that decoding them takes.
func TestBuildRefusesAnImageBomb(t *testing.T) {
	root := t.TempDir()
	files := map[string][]byte{
		"config.toml":                     []byte(config),
		"content/assets/photos/bomb.png":  declaredPNG(20000, 20000),
		"content/assets/photos/bomb2.png": declaredPNG(40000, 40000),
	}
	for name, data := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var err error
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, err = generator.Build(context.Background(), generator.Options{Source: root, At: time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC),
		Out: output.NewMemory(), DiskCache: diskcache.Dir(t.TempDir())})
	runtime.ReadMemStats(&after)
	var list *diag.Errors
	if !errors.As(err, &list) || len(list.Problems) != 2 {
		t.Fatalf("Build = %v, want two problems", err)
	}
	for i, name := range []string{"content/assets/photos/bomb.png", "content/assets/photos/bomb2.png"} {
		p := list.Problems[i]
		if p.File != name || !strings.Contains(p.Msg, "150 megapixels") || !strings.Contains(p.Msg, "export a smaller copy") {
			t.Errorf("problem %d = %v", i, p)
		}
	}
	if n := after.TotalAlloc - before.TotalAlloc; n > 64<<20 {
		t.Errorf("the refused build allocated %d MB", n>>20)
	} else {
		t.Logf("the refused build allocated %.1f MB", float64(n)/(1<<20))
	}
}

// declaredPNG is the internal tests' (see export_test.go).
var declaredPNG = images.DeclaredPNG
