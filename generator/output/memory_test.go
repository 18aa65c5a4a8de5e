package output

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestMemoryInherit is how a rebuild in memory starts from the build being
// served: it holds every file of it, forgets those whose task runs again,
// may write them anew, and reports just what it touched.
func TestMemoryInherit(t *testing.T) {
	page := strings.Repeat("<p>A release.</p>\n", 200)
	prev := NewMemory()
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
