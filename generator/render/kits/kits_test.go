package kits_test

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/pressroom/pressroom/generator"
	"github.com/pressroom/pressroom/generator/corpus"
	"github.com/pressroom/pressroom/generator/diskcache"
	"github.com/pressroom/pressroom/generator/output"
	"github.com/pressroom/pressroom/generator/render"
	"github.com/pressroom/pressroom/generator/render/kits"
)

var at = time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)

func build(t testing.TB, root string) map[string][]byte {
	t.Helper()
	mem := output.NewMemory()
	rep, err := generator.Build(context.Background(), generator.Options{Source: root, At: at, Out: mem,
		DiskCache: diskcache.Dir(filepath.Join(os.TempDir(), "pressroom-test-cache"))})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, n := range rep.Files {
		out[n], _ = mem.File(n)
	}
	return out
}

type kit struct {
	folder   string
	files    map[string][]byte // below the folder
	methods  map[string]uint16
	manifest struct {
		Files []struct {
			Path, SHA256, Title, Credit, License string
			Bytes                                int64
		}
	}
}

// open reads a kit and checks what every kit must be: one top folder, a
// README.txt, a manifest.json that lists every other file with its true
// size and SHA-256, times taken from content.
func open(t *testing.T, name string, data []byte) *kit {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	k := &kit{files: map[string][]byte{}, methods: map[string]uint16{}}
	for _, f := range zr.File {
		top, rest, ok := strings.Cut(f.Name, "/")
		if !ok || (k.folder != "" && top != k.folder) {
			t.Fatalf("%s: %s is not under the one top folder %q", name, f.Name, k.folder)
		}
		k.folder = top
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		k.files[rest], _ = io.ReadAll(rc)
		rc.Close()
		k.methods[rest] = f.Method
		if f.Modified.Year() < 2020 {
			t.Errorf("%s: %s is dated %v", name, f.Name, f.Modified)
		}
	}
	if len(k.files["README.txt"]) == 0 {
		t.Errorf("%s: no README.txt", name)
	}
	if err := json.Unmarshal(k.files["manifest.json"], &k.manifest); err != nil {
		t.Fatalf("%s: manifest.json: %v", name, err)
	}
	listed := map[string]bool{}
	for _, m := range k.manifest.Files {
		data, ok := k.files[m.Path]
		sum := sha256.Sum256(data)
		if !ok || int64(len(data)) != m.Bytes || hex.EncodeToString(sum[:]) != m.SHA256 {
			t.Errorf("%s: the manifest's %s (%d bytes, %s) does not match the file", name, m.Path, m.Bytes, m.SHA256)
		}
		listed[m.Path] = true
	}
	for f := range k.files {
		if f != "manifest.json" && !listed[f] {
			t.Errorf("%s: %s is not in the manifest", name, f)
		}
	}
	return k
}

func (k *kit) names() []string {
	var out []string
	for n := range k.files {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

func TestExampleKits(t *testing.T) {
	s := build(t, "../../..")
	release := open(t, "release", s["press/kestrel-battery-park-online/press-kit.zip"])
	if release.folder != "northwind-energy-kestrel-battery-park-online" {
		t.Errorf("release kit folder %q", release.folder)
	}
	for _, want := range []string{"kestrel-battery-park-online.md", "kestrel-battery-park-online.html",
		"assets/kestrel-aerial.jpg", "contacts/press.vcf"} {
		if _, ok := release.files[want]; !ok {
			t.Errorf("the release kit lacks %s; it holds %v", want, release.names())
		}
	}
	if release.methods["assets/kestrel-aerial.jpg"] != zip.Store || release.methods["kestrel-battery-park-online.md"] != zip.Deflate {
		t.Error("JPEGs must be stored and text deflated")
	}
	source, _ := os.ReadFile("../../../content/press/2026-09-15-kestrel-battery-park-online/index.md")
	if !bytes.Equal(release.files["kestrel-battery-park-online.md"], source) {
		t.Error("the release's Markdown is not its source")
	}
	if html := string(release.files["kestrel-battery-park-online.html"]); !strings.Contains(html, `src="assets/kestrel-aerial.jpg"`) {
		t.Error("the kit's HTML does not show the kit's own copy of its photo, so it does not work offline")
	}
	readme := string(release.files["README.txt"])
	for _, want := range []string{"Credit: Northwind Energy / Luftbild Elbe", "CC BY 4.0", "Mira Sand", "press@northwind.example"} {
		if !strings.Contains(readme, want) {
			t.Errorf("README.txt lacks %q:\n%s", want, readme)
		}
	}
	for _, m := range release.manifest.Files {
		if m.Path == "assets/kestrel-aerial.jpg" && (m.Credit == "" || m.License == "" || m.Title == "") {
			t.Errorf("the manifest lacks the photo's credit, licence or title: %+v", m)
		}
	}

	q3 := open(t, "Q3 release", s["press/q3-2026-results/press-kit.zip"])
	if _, ok := q3.files["literature/northwind-fact-sheet.html"]; !ok {
		t.Errorf("a release's kit lacks the literature it refers to: %v", q3.names())
	}
	org := open(t, "organisation", s["press-kit.zip"])
	for _, want := range []string{"logos/northwind.svg", "logos/northwind.png", "contacts.vcf", "literature/northwind-fact-sheet.md",
		"literature/northwind-fact-sheet.html", "about-northwind-energy.txt"} {
		if _, ok := org.files[want]; !ok {
			t.Errorf("the organisation's kit lacks %s; it holds %v", want, org.names())
		}
	}
	brand := open(t, "brand", s["press-kits/brand.zip"])
	for _, n := range brand.names() {
		if !strings.HasPrefix(n, "logos/") && !strings.HasPrefix(n, "photos/leadership/") && n != "README.txt" && n != "manifest.json" {
			t.Errorf("the brand kit holds %s, which its include patterns do not match", n)
		}
	}
	if _, ok := brand.files["photos/leadership/henrike-vogt.jpg"]; !ok {
		t.Errorf("the brand kit lacks the leadership photos: %v", brand.names())
	}
	for name, data := range s {
		if strings.HasSuffix(name, ".zip") {
			open(t, name, data)
		}
	}
}

func TestKitsAreReproducible(t *testing.T) {
	a, b := build(t, "../../.."), build(t, "../../..")
	n := 0
	for name, data := range a {
		if strings.HasSuffix(name, ".zip") {
			n++
			if !bytes.Equal(data, b[name]) {
				t.Errorf("%s differs between two builds", name)
			}
		}
	}
	if n < 5 {
		t.Fatalf("only %d kits", n)
	}
}

func TestPagesLinkKitsWithSize(t *testing.T) {
	s := build(t, "../../..")
	page := string(s["press/kestrel-battery-park-online/index.html"])
	kitSize := len(s["press/kestrel-battery-park-online/press-kit.zip"])
	want := fmt.Sprintf("ZIP, %d kB", (kitSize+500)/1000)
	if !strings.Contains(page, `download="northwind-energy-kestrel-battery-park-online.zip"`) || !strings.Contains(page, want) {
		t.Errorf("the release page does not link its kit as %q with %q", "northwind-energy-kestrel-battery-park-online.zip", want)
	}
	home := string(s["index.html"])
	if !strings.Contains(home, `href="/press-kit.zip"`) || !strings.Contains(home, `href="/contacts.vcf"`) {
		t.Error("the home page does not link the organisation's kit and the contacts")
	}
}

// BenchmarkReleaseKits builds only the kits of a generated newsroom of
// 1,000 releases (each with its logo, Markdown, HTML and a vCard) into a
// folder, besides loading and resolving the site.
func BenchmarkReleaseKits(b *testing.B) {
	root := b.TempDir()
	if err := corpus.Generate(root, 1000); err != nil {
		b.Fatal(err)
	}
	dest := filepath.Join(b.TempDir(), "public")
	all := generator.Outputs
	generator.Outputs = [][]render.Output{{kits.Output}}
	defer func() { generator.Outputs = all }()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_, err := generator.Build(context.Background(), generator.Options{Source: root, Dest: dest, At: at})
		if err != nil {
			b.Fatal(err)
		}
	}
}

// TestKitsFromTheDiskCache builds twice with one cache folder, as two runs
// of `pressroom build` would, and once without: the second build takes its
// kits from the cache, and all three give the same bytes.
func TestKitsFromTheDiskCache(t *testing.T) {
	cache := diskcache.Dir(t.TempDir())
	run := func(c diskcache.Dir) map[string][]byte {
		dest := filepath.Join(t.TempDir(), "public")
		rep, err := generator.Build(context.Background(), generator.Options{Source: "../../..", Dest: dest, At: at, DiskCache: c})
		if err != nil {
			t.Fatal(err)
		}
		out := map[string][]byte{}
		for _, n := range rep.Files {
			if strings.HasSuffix(n, ".zip") {
				out[n], _ = os.ReadFile(filepath.Join(dest, n))
			}
		}
		return out
	}
	cold, first := run(""), run(cache)
	entries, _ := os.ReadDir(filepath.Join(string(cache), "kits"))
	if len(entries) != len(first) {
		t.Fatalf("the cache holds %d kits, the site %d", len(entries), len(first))
	}
	second := run(cache)
	for name, data := range cold {
		if !bytes.Equal(first[name], data) || !bytes.Equal(second[name], data) {
			t.Errorf("%s differs between cold, first and cached builds", name)
		}
	}
}
