package generator_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/pressroom/pressroom/generator"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/ from this build")

// TestGolden builds testdata/small and compares every file written with
// testdata/small.golden/. Run `go test ./generator -run TestGolden -update`
// after an intended change, and read the diff before committing it. The
// theme's static files are copied as they are, so they are left out.
func TestGolden(t *testing.T) {
	t.Run("small", func(t *testing.T) {
		testGolden(t, "small", func(name string) bool { return !themeStatic(name) })
	})
	// A bilingual site: its pages, feeds and sitemap, in English and German.
	t.Run("bilingual", func(t *testing.T) {
		testGolden(t, "bilingual", func(name string) bool {
			return !themeStatic(name) && !strings.HasSuffix(name, ".zip") && !strings.HasSuffix(name, ".svg")
		})
	})
}

// themeStatic reports the theme's static files, copied as they are.
func themeStatic(name string) bool {
	return strings.HasPrefix(name, "css/") || strings.HasPrefix(name, "js/")
}

func testGolden(t *testing.T, site string, keep func(name string) bool) {
	rep, mem, err := buildMemory(t, filepath.Join("testdata", site), testAt, false)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, name := range rep.Files {
		if keep(name) {
			names = append(names, name)
		}
	}
	rep.Files = names
	golden := filepath.Join("testdata", site+".golden")
	if *update {
		if err := os.RemoveAll(golden); err != nil {
			t.Fatal(err)
		}
		for _, name := range rep.Files {
			data, _ := mem.File(name)
			p := filepath.Join(golden, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	want := snapshot(t, golden)
	var missing, extra []string
	for _, name := range rep.Files {
		data, _ := mem.File(name)
		w, ok := want[name]
		if !ok {
			extra = append(extra, name)
			continue
		}
		if !bytes.Equal(data, w) {
			t.Errorf("%s differs from the golden file:\n%s", name, firstDifference(w, data))
		}
		delete(want, name)
	}
	for name := range want {
		missing = append(missing, name)
	}
	sort.Strings(missing)
	if len(missing)+len(extra) > 0 {
		t.Errorf("files not written: %v\nfiles not in golden: %v\n(run with -update if intended)", missing, extra)
	}
}

func firstDifference(want, got []byte) string {
	wl, gl := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
	for i := 0; i < len(wl) && i < len(gl); i++ {
		if wl[i] != gl[i] {
			return "line " + strconv.Itoa(i+1) + ":\n  want: " + wl[i] + "\n  got:  " + gl[i]
		}
	}
	return "lengths differ"
}

// TestReproducible builds the same source twice, into real folders, and
// requires byte-identical output (SPEC rule 4).
func TestReproducible(t *testing.T) {
	a, b := buildDir(t, "testdata/small"), buildDir(t, "testdata/small")
	sa, sb := snapshot(t, a), snapshot(t, b)
	if len(sa) != len(sb) {
		t.Fatalf("%d files, then %d", len(sa), len(sb))
	}
	for name, data := range sa {
		if !bytes.Equal(data, sb[name]) {
			t.Errorf("%s differs between two builds", name)
		}
	}
}

// TestCachedBuildEqualsColdBuild edits a site between two builds that share
// a cache and requires the second to equal a build without one.
func TestCachedBuildEqualsColdBuild(t *testing.T) {
	root := writeSite(t, embargoSite)
	realImages(t, root)
	cache := generator.NewCache()
	build := func(c *generator.Cache) map[string][]byte {
		files, _ := buildFiles(t, generator.Options{Source: root, At: testAt, Cache: c})
		return files
	}
	build(cache)
	p := filepath.Join(root, "content/press/2026-11-01-public.md")
	if err := os.WriteFile(p, []byte("---\ntitle: Public release, edited\ntags: [storage, new-tag]\n---\nEdited [link](other/).\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	warm, cold := build(cache), build(nil)
	if len(warm) != len(cold) {
		t.Fatalf("%d files with the cache, %d without", len(warm), len(cold))
	}
	for name, data := range cold {
		if !bytes.Equal(warm[name], data) {
			t.Errorf("%s differs between the cached and the cold build", name)
		}
	}
	if !bytes.Contains(warm["press/public/index.html"], []byte("Public release, edited")) {
		t.Error("the edit is missing")
	}
}
