package generator_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pressroom/pressroom/generator"
	"github.com/pressroom/pressroom/generator/diskcache"
	"github.com/pressroom/pressroom/generator/output"
)

const editSite = `-- config.toml --
title = "Test Newsroom"
baseURL = "https://news.test.example/"
timezone = "Europe/Berlin"

[organization]
name = "Test Org"
boilerplate = "Test Org makes tests."

[[presskits]]
name = "brand"
title = "Brand assets"
include = ["logos/**"]
-- content/assets/logos/mark.svg --
<svg xmlns="http://www.w3.org/2000/svg"><title>first</title></svg>
`

// editInPlace writes text over file with the same length, and sets its
// modification time back to what it was: printf … > file; touch -d.
func editInPlace(t *testing.T, file string, data []byte) {
	t.Helper()
	info, err := os.Stat(file)
	if err != nil {
		t.Fatal(err)
	}
	if int64(len(data)) != info.Size() {
		t.Fatalf("the edit has %d bytes, the file %d", len(data), info.Size())
	}
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(file, info.ModTime(), info.ModTime()); err != nil {
		t.Fatal(err)
	}
}

// zipEntry returns the bytes of the entry of a ZIP whose name ends in suffix.
func zipEntry(t *testing.T, data []byte, suffix string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if strings.HasSuffix(f.Name, suffix) {
			r, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			b, err := io.ReadAll(r)
			if err != nil {
				t.Fatal(err)
			}
			return b
		}
	}
	t.Fatalf("no entry %s in the kit", suffix)
	return nil
}

func readOut(t *testing.T, dir, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestKitsSeeAnAssetEditedInPlace is issue 14's reproduction: a library
// file edited in place with the same length and modification time, between
// two builds with one disk cache. The kits and /assets/ hold the new bytes,
// and the build equals one from an empty cache (rule 4). The site is left
// alone for longer than the sums' racy window first, so that the first
// build keeps the file's sum and the second must see the edit by its stat.
func TestKitsSeeAnAssetEditedInPlace(t *testing.T) {
	root := writeSite(t, editSite)
	logo := filepath.Join(root, "content", "assets", "logos", "mark.svg")
	time.Sleep(2100 * time.Millisecond)
	cache := diskcache.Dir(t.TempDir())
	build := func(cache diskcache.Dir) string {
		t.Helper()
		dest := filepath.Join(t.TempDir(), "public")
		if _, err := generator.Build(context.Background(), generator.Options{Source: root, Dest: dest, At: testAt, DiskCache: cache}); err != nil {
			t.Fatal(err)
		}
		return dest
	}
	first := build(cache)
	if got := zipEntry(t, readOut(t, first, "press-kit.zip"), "/logos/mark.svg"); !bytes.Contains(got, []byte("first")) {
		t.Fatalf("the first kit holds %q", got)
	}
	edited := []byte(strings.Replace(string(readOut(t, first, "assets/logos/mark.svg")), "first", "other", 1))
	editInPlace(t, logo, edited)

	second := build(cache)
	for _, kit := range []string{"press-kit.zip", "press-kits/brand.zip"} {
		if got := zipEntry(t, readOut(t, second, kit), "/logos/mark.svg"); !bytes.Equal(got, edited) {
			t.Errorf("%s holds %q, the file holds %q", kit, got, edited)
		}
	}
	if got := readOut(t, second, "assets/logos/mark.svg"); !bytes.Equal(got, edited) {
		t.Errorf("/assets/ holds %q", got)
	}
	sameTrees(t, second, build(diskcache.Dir(t.TempDir())))
}

// sameTrees fails unless two output folders hold the same files, byte for byte.
func sameTrees(t *testing.T, a, b string) {
	t.Helper()
	files := func(root string) map[string][]byte {
		out := map[string][]byte{}
		filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				rel, _ := filepath.Rel(root, p)
				out[filepath.ToSlash(rel)], _ = os.ReadFile(p)
			}
			return nil
		})
		return out
	}
	fa, fb := files(a), files(b)
	for name, data := range fa {
		if other, ok := fb[name]; !ok || !bytes.Equal(data, other) {
			t.Errorf("%s differs from a build from an empty cache", name)
		}
	}
	for name := range fb {
		if _, ok := fa[name]; !ok {
			t.Errorf("%s is only in the build from an empty cache", name)
		}
	}
}

// TestServeCachesSeeAnAssetEditedInPlace: builds into memory with one
// in-process cache (as serve's, but told of no change, as after an event
// the watcher missed), and no disk cache. A photo rewritten in place with
// the same length and modification time but other pixel dimensions shows
// its new size on /assets/, and the kit holds its new bytes.
func TestServeCachesSeeAnAssetEditedInPlace(t *testing.T) {
	root := writeSite(t, editSite)
	a, b := samePNGLength(t, image.Rect(0, 0, 30, 20), image.Rect(0, 0, 12, 40))
	photo := filepath.Join(root, "content", "assets", "logos", "photo.png")
	if err := os.WriteFile(photo, a, 0o644); err != nil {
		t.Fatal(err)
	}
	cache := generator.NewCache()
	build := func() *output.Memory {
		t.Helper()
		mem := output.NewMemory()
		if _, err := generator.Build(context.Background(), generator.Options{Source: root, At: testAt, Out: mem, Cache: cache}); err != nil {
			t.Fatal(err)
		}
		return mem
	}
	file := func(mem *output.Memory, name string) []byte {
		t.Helper()
		data, ok := mem.File(name)
		if !ok {
			t.Fatalf("no %s", name)
		}
		return data
	}
	if page := file(build(), "assets/index.html"); !bytes.Contains(page, []byte("30 × 20 px")) {
		t.Fatal("the library does not show the first photo's size")
	}
	editInPlace(t, photo, b)
	mem := build()
	if page := file(mem, "assets/index.html"); !bytes.Contains(page, []byte("12 × 40 px")) {
		t.Error("the library shows the old photo's size after an edit in place")
	}
	if got := zipEntry(t, file(mem, "press-kits/brand.zip"), "/logos/photo.png"); !bytes.Equal(got, b) {
		t.Error("the kit holds the old photo after an edit in place")
	}
}

// samePNGLength encodes two images of the sizes given as PNGs of the same
// length, padding each with a text chunk.
func samePNGLength(t *testing.T, ra, rb image.Rectangle) ([]byte, []byte) {
	t.Helper()
	enc := func(r image.Rectangle) []byte {
		var buf bytes.Buffer
		if err := png.Encode(&buf, image.NewGray(r)); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	a, b := enc(ra), enc(rb)
	n := max(len(a), len(b)) + 32
	return padPNG(a, n), padPNG(b, n)
}

// padPNG inserts a tEXt chunk after IHDR that makes data n bytes long.
func padPNG(data []byte, n int) []byte {
	const afterIHDR = 8 + 12 + 13
	text := append([]byte("Comment\x00"), bytes.Repeat([]byte("x"), n-len(data)-12-8)...)
	var chunk bytes.Buffer
	binary.Write(&chunk, binary.BigEndian, uint32(len(text)))
	chunk.WriteString("tEXt")
	chunk.Write(text)
	binary.Write(&chunk, binary.BigEndian, crc32.ChecksumIEEE(append([]byte("tEXt"), text...)))
	return append(append(append([]byte{}, data[:afterIHDR]...), chunk.Bytes()...), data[afterIHDR:]...)
}
