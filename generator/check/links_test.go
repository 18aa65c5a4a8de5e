package check

import (
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/pressroom/pressroom/generator/content"
	"github.com/pressroom/pressroom/generator/markdown/links"
)

// TestPlainLinksMissNothing: where the scan is sure of a body, it finds
// every link goldmark finds (it may find more, which a parse then checks).
func TestPlainLinksMissNothing(t *testing.T) {
	bodies := []string{
		"See [the plant](/press/plant/) and ![a photo](/assets/a.jpg \"title\").\n",
		"[a](x) [b]( y ) [c](https://example.com/z)\n\n- [d](/d/)\n",
		"A sentence with no link, 12% up, [brackets] alone.\n",
		"text](not-a-link) and [real](/real/)\n",
	}
	files, _ := filepath.Glob("../../content/*/*.md")
	more, _ := filepath.Glob("../../content/*/*/*.md")
	for _, f := range append(files, more...) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		bodies = append(bodies, string(b))
	}
	sure := 0
	for _, body := range bodies {
		got, ok := plainLinks([]byte(body))
		if !ok {
			continue
		}
		sure++
		for _, dest := range links.Find([]byte(body)) {
			if !slices.Contains(got, dest) && !email(dest) {
				t.Errorf("the scan missed %q in %q", dest, shorten(body))
			}
		}
	}
	if sure < 4 {
		t.Errorf("the scan was sure of %d bodies, want at least the 4 written here", sure)
	}
	for _, body := range []string{"<https://a.example/>", "[a](/a/)\n\n[b]: /b/", "see www.example.com", "see https://a.example/ here", "`[a](/a/)`", "[a](/a_(b)/)", `[a](/a\_b/)`} {
		if _, ok := plainLinks([]byte(body)); ok {
			t.Errorf("the scan was sure of %q", body)
		}
	}
}

func shorten(s string) string {
	if len(s) > 60 {
		return strings.TrimSpace(s[:60]) + "…"
	}
	return s
}

// TestSitePath: a link is read against its page and the site's base.
func TestSitePath(t *testing.T) {
	base, page := mustURL("https://news.example.com/"), mustURL("https://news.example.com/press/a/")
	for dest, want := range map[string]string{
		"../b/":                             "press/b/",
		"/press/c":                          "press/c",
		"photo.jpg":                         "press/a/photo.jpg",
		"https://news.example.com/about/":   "about/",
		"/":                                 "",
		"#top":                              "press/a/",
		"https://other.example/":            "-",
		"mailto:press@example.com":          "-",
		"/assets/photos/a%20b.jpg?size=big": "assets/photos/a b.jpg",
	} {
		got, ok := links.SitePath(dest, page, base)
		if !ok {
			got = "-"
		}
		if got != want {
			t.Errorf("SitePath(%q) = %q, want %q", dest, got, want)
		}
	}
}

func mustURL(s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		panic(err)
	}
	return u
}

// A session reads each text once: the next check finds its links without
// reading the body again, a check stopped before it reached a text keeps
// it, and a complete check that does not use a text forgets it.
func TestLinkMemoReadsEachTextOnce(t *testing.T) {
	body := "First line.\n\nSee [the plant](/press/plant/),\nthen [the photo](/assets/a.jpg) and <https://example.com/>.\n"
	it := &content.Item{Source: "content/press/a.md", Version: 7, Body: []byte(body)}
	var m linkMemo
	first := textOf(&m, it)
	if first == nil || !first.any || first.plainOK {
		t.Fatalf("text: %+v (an autolink: the scan cannot be sure)", first)
	}
	want := []spot{{"/press/plant/", 2}, {"/assets/a.jpg", 3}, {"https://example.com/", 3}}
	if got := parsedLinks(it, first); !slices.Equal(got, want) {
		t.Errorf("parsed = %v, want %v", got, want)
	}
	m.Sweep()     // the first check ends
	it.Body = nil // kept nowhere: a second read would find nothing
	if again := textOf(&m, it); again != first || !slices.Equal(parsedLinks(it, again), want) {
		t.Errorf("the next check read the text again: %+v", again)
	}
	m.Sweep()
	// A check stopped before it reached the text does not sweep: still kept.
	if again := textOf(&m, it); again != first {
		t.Errorf("a stopped check lost the texts it did not reach: %+v", again)
	}
	m.Sweep()
	m.Sweep() // a complete check that did not use it
	if f := textOf(&m, it); f == first || f.any {
		t.Errorf("a text a complete check did not use is still kept: %+v", f)
	}
}

func TestSpots(t *testing.T) {
	body := []byte("[a](/x/) and [b](/y/)\n\n[c](/x/)\n\n[d](/gone/)\n")
	got := spots(body, []string{"/x/", "/y/", "/x/", "", "/missing/"})
	want := []spot{{"/x/", 0}, {"/y/", 0}, {"/x/", 2}, {"", 0}, {"/missing/", 0}}
	if !slices.Equal(got, want) {
		t.Errorf("spots = %v, want %v", got, want)
	}
}
