package output

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pressroom/pressroom/generator/spill"
)

// TestMemoryInherit is how a rebuild in memory starts from the build being
// served: it holds every file of it, forgets those whose task runs again,
// may write them anew, and reports just what it touched.
// With SpillPages, the same holds of pages kept in a spill file, and the
// heap keeps none of their bytes.
func TestMemoryInherit(t *testing.T) {
	t.Run("heap", func(t *testing.T) { testMemoryInherit(t, nil) })
	t.Run("spilled", func(t *testing.T) {
		f, err := spill.New(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		testMemoryInherit(t, f)
	})
}

func testMemoryInherit(t *testing.T, pages *spill.File) {
	page := strings.Repeat("<p>A release.</p>\n", 200)
	prev := NewMemory()
	prev.SpillPages(pages)
	for name, data := range map[string]string{"index.html": page, "press/x/index.html": page + "x", "feed.xml": "<rss/>"} {
		if err := prev.WriteFile(name, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	sorted := prev.Names()

	next := NewMemory()
	next.Inherit(prev)
	if got := next.Names(); !slices.Equal(got, sorted) || &got[0] != &sorted[0] {
		t.Errorf("an unchanged inherited list of names is sorted again: %v", got)
	}
	if touched, ok := next.Touched(); !ok || len(touched) != 0 {
		t.Errorf("Touched = %v, %v; want nothing, true", touched, ok)
	}
	if err := next.WriteFile("feed.xml", []byte("<rss/>")); err == nil {
		t.Error("an inherited file was written again without being forgotten")
	}

	next.Forget("press/x/index.html")
	if err := next.WriteFile("press/x/index.html", []byte(page+"y")); err != nil {
		t.Fatal(err)
	}
	next.Forget("feed.xml")
	if err := next.WriteFile("press/new/index.html", []byte(page)); err != nil {
		t.Fatal(err)
	}

	if got, want := next.Names(), []string{"index.html", "press/new/index.html", "press/x/index.html"}; !slices.Equal(got, want) {
		t.Errorf("Names = %v, want %v", got, want)
	}
	if got, _ := next.Touched(); !slices.Equal(got, []string{"feed.xml", "press/new/index.html", "press/x/index.html"}) {
		t.Errorf("Touched = %v", got)
	}
	if data, _ := next.File("press/x/index.html"); string(data) != page+"y" {
		t.Errorf("a rewritten page reads back as %.40q…", data)
	}
	if !next.Same(prev, "index.html") || next.Same(prev, "press/x/index.html") {
		t.Error("Same compares packed pages wrongly")
	}
	if size, _ := next.Size("index.html"); size != int64(len(page)) {
		t.Errorf("Size of a packed page = %d, want %d", size, len(page))
	}
	if data, _ := prev.File("press/x/index.html"); string(data) != page+"x" {
		t.Error("the inheriting build changed the one it inherited from")
	}
	// A page written again with the same bytes is the same page.
	next.Forget("index.html")
	if err := next.WriteFile("index.html", []byte(page)); err != nil {
		t.Fatal(err)
	}
	if !next.Same(prev, "index.html") {
		t.Error("a page written again with the same bytes is not Same")
	}
	if pages != nil {
		for _, name := range next.Names() {
			if f, _ := next.lookup(name); f.packed && (f.data != nil || f.spilled.Len() == 0) {
				t.Errorf("%s: %d bytes in the heap, %d spilled; want all spilled", name, len(f.data), f.spilled.Len())
			}
		}
		if pages.Size() == 0 {
			t.Error("nothing went to the spill file")
		}
	}
}

// TestWriteParts is how feeds are written: a Memory keeps the parts it is
// handed and compares them with another split of the same bytes; a Dir
// gets the bytes joined.
func TestWriteParts(t *testing.T) {
	parts := [][]byte{[]byte("<rss>"), []byte("\n"), []byte("<item>a</item>"), []byte("\n"), []byte("<item>b</item>"), []byte("</rss>")}
	joined := "<rss>\n<item>a</item>\n<item>b</item></rss>"
	mem, other := NewMemory(), NewMemory()
	if err := WriteParts(mem, "feed.xml", parts); err != nil {
		t.Fatal(err)
	}
	if data, _ := mem.File("feed.xml"); string(data) != joined {
		t.Errorf("File = %q, want %q", data, joined)
	}
	if size, _ := mem.Size("feed.xml"); size != int64(len(joined)) {
		t.Errorf("Size = %d, want %d", size, len(joined))
	}
	tests := []struct {
		name  string
		parts [][]byte
		same  bool
	}{
		{"whole", [][]byte{[]byte(joined)}, true},
		{"split elsewhere", [][]byte{[]byte(joined[:3]), nil, []byte(joined[3:20]), []byte(joined[20:])}, true},
		{"one byte differs", [][]byte{[]byte(joined[:10] + "X" + joined[11:])}, false},
		{"shorter", [][]byte{[]byte(joined[:20])}, false},
	}
	for i, tt := range tests {
		name := fmt.Sprintf("f%d.xml", i)
		if err := WriteParts(other, name, tt.parts); err != nil {
			t.Fatal(err)
		}
		if err := WriteParts(mem, name, parts); err != nil {
			t.Fatal(err)
		}
		if got := mem.Same(other, name); got != tt.same {
			t.Errorf("%s: Same = %v, want %v", tt.name, got, tt.same)
		}
	}

	dest := filepath.Join(t.TempDir(), "public")
	dir, err := NewDir(dest)
	if err != nil {
		t.Fatal(err)
	}
	if err := WriteParts(dir, "feed.xml", parts); err != nil {
		t.Fatal(err)
	}
	if err := dir.Commit(); err != nil {
		t.Fatal(err)
	}
	if data, err := os.ReadFile(filepath.Join(dest, "feed.xml")); err != nil || string(data) != joined {
		t.Errorf("the Dir holds %q (%v), want %q", data, err, joined)
	}
}

// TestMemoryCopyFileReadsWhenAsked: a copied source file is not held in
// memory but read when served, and only while unchanged since the build
// copied it: an edit is the next build's to publish.
func TestMemoryCopyFileReadsWhenAsked(t *testing.T) {
	src := filepath.Join(t.TempDir(), "photo.jpg")
	if err := os.WriteFile(src, []byte("the photo"), 0o644); err != nil {
		t.Fatal(err)
	}
	mem, again := NewMemory(), NewMemory()
	for _, m := range []*Memory{mem, again} {
		if err := m.CopyFile("assets/photo.jpg", src); err != nil {
			t.Fatal(err)
		}
	}
	if data, ok := mem.File("assets/photo.jpg"); !ok || string(data) != "the photo" {
		t.Errorf("File = %q, %v", data, ok)
	}
	if size, _ := mem.Size("assets/photo.jpg"); size != 9 {
		t.Errorf("Size = %d, want 9", size)
	}
	if !mem.Same(again, "assets/photo.jpg") {
		t.Error("two copies of one unchanged file differ")
	}
	later := time.Now().Add(time.Minute)
	if err := os.WriteFile(src, []byte("a new one"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(src, later, later); err != nil {
		t.Fatal(err)
	}
	if data, ok := mem.File("assets/photo.jpg"); ok {
		t.Errorf("an edited source is served as %q before the next build", data)
	}
	next := NewMemory()
	if err := next.CopyFile("assets/photo.jpg", src); err != nil {
		t.Fatal(err)
	}
	if mem.Same(next, "assets/photo.jpg") {
		t.Error("a copy made after the edit is the same as the one before")
	}
	if data, _ := next.File("assets/photo.jpg"); string(data) != "a new one" {
		t.Errorf("the next build serves %q", data)
	}
}
