package generator_test

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pressroom/pressroom/generator"
	"github.com/pressroom/pressroom/generator/diag"
	"github.com/pressroom/pressroom/generator/diskcache"
	"github.com/pressroom/pressroom/generator/output"
)

// testDiskCache keeps image derivatives and kits across test builds (and runs):
// they are keyed by content, so sharing them cannot change an output.
var testDiskCache = diskcache.Dir(filepath.Join(os.TempDir(), "pressroom-test-cache"))

// testAt is the moment every test build is made at, unless a test says otherwise.
var testAt = time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)

// writeSite writes a whole site given as one string of "-- path --"
// sections (the txtar style of Hugo's integration tests) and returns its root.
func writeSite(t testing.TB, archive string) string {
	t.Helper()
	root := t.TempDir()
	var name string
	var body strings.Builder
	flush := func() {
		defer body.Reset()
		if name == "" {
			return
		}
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, line := range strings.SplitAfter(archive, "\n") {
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "-- ") && strings.HasSuffix(trimmed, " --") {
			flush()
			name = strings.TrimSuffix(strings.TrimPrefix(trimmed, "-- "), " --")
			continue
		}
		body.WriteString(line)
	}
	flush()
	return root
}

// buildMemory builds root at `at` into memory.
func buildMemory(t testing.TB, root string, at time.Time, drafts bool) (*generator.Report, *output.Memory, error) {
	t.Helper()
	mem := output.NewMemory()
	rep, err := generator.Build(context.Background(), generator.Options{Source: root, At: at, Drafts: drafts, Out: mem, DiskCache: testDiskCache})
	return rep, mem, err
}

// problemsOf returns a failed build's problems as "file:line: message" strings.
func problemsOf(t testing.TB, err error) []string {
	t.Helper()
	var list *diag.Errors
	if !errors.As(err, &list) {
		t.Fatalf("want a list of problems, got %v", err)
	}
	var out []string
	for _, p := range list.Problems {
		out = append(out, p.Error())
	}
	return out
}

const minimalConfig = `-- config.toml --
title = "Test Newsroom"
baseURL = "https://news.test.example/"
timezone = "Europe/Berlin"

[organization]
name = "Test Org"
boilerplate = "Test Org makes tests."

[[contacts]]
id = "press"
name = "Pat Press"
email = "press@test.example"
`

// buildDir builds root at testAt into a fresh folder and returns it.
func buildDir(t testing.TB, root string) string {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := generator.Build(context.Background(), generator.Options{Source: root, Dest: dest, At: testAt, DiskCache: testDiskCache}); err != nil {
		t.Fatal(err)
	}
	return dest
}

// realImages replaces every .jpg and .png the archive wrote as text with a
// real 2×2 image that carries the text in a comment (JPEG) or text chunk
// (PNG), so that marker strings survive in the bytes.
func realImages(t testing.TB, root string) {
	t.Helper()
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		ext := strings.ToLower(filepath.Ext(p))
		if ext != ".jpg" && ext != ".png" {
			return nil
		}
		text, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(p, tinyImage(ext, strings.TrimSpace(string(text))), 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func tinyImage(ext, text string) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 2, 2))
	var buf bytes.Buffer
	if ext == ".png" {
		png.Encode(&buf, img)
		return buf.Bytes()
	}
	jpeg.Encode(&buf, img, nil)
	b := buf.Bytes()
	com := append([]byte{0xFF, 0xFE, byte((len(text) + 2) >> 8), byte(len(text) + 2)}, text...)
	return append(append(append([]byte{}, b[:2]...), com...), b[2:]...)
}
