package feeds_test

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"flag"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/pressroom/pressroom/generator"
	"github.com/pressroom/pressroom/generator/diskcache"
	"github.com/pressroom/pressroom/generator/output"
	"github.com/pressroom/pressroom/generator/render/feeds"
)

var update = flag.Bool("update", false, "rewrite the golden feeds under testdata/")

var at = time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)

// site is a built site: every file it wrote.
type site map[string][]byte

func build(t *testing.T, root string) site {
	t.Helper()
	mem := output.NewMemory()
	rep, err := generator.Build(context.Background(), generator.Options{Source: root, At: at, Out: mem,
		DiskCache: diskcache.Dir(filepath.Join(os.TempDir(), "pressroom-test-cache"))})
	if err != nil {
		t.Fatal(err)
	}
	out := site{}
	for _, n := range rep.Files {
		out[n], _ = mem.File(n)
	}
	return out
}

func (s site) feeds() []string {
	var names []string
	for n := range s {
		for _, f := range feeds.Files {
			if filepath.Base(n) == f {
				names = append(names, n)
			}
		}
	}
	return names
}

var sites = map[string]string{"example": "../../..", "small": "../../testdata/small"}

// TestFeedsParse reads every feed of the example newsroom and of the test
// site with an independent parser and checks what journalists rely on.
func TestFeedsParse(t *testing.T) {
	for name, root := range sites {
		t.Run(name, func(t *testing.T) {
			s := build(t, root)
			if len(s.feeds()) < 9 {
				t.Fatalf("only %d feeds written", len(s.feeds()))
			}
			for _, n := range s.feeds() {
				checkFeed(t, n, s[n])
			}
		})
	}
}

func checkFeed(t *testing.T, name string, data []byte) {
	t.Helper()
	f, err := gofeed.NewParser().ParseString(string(data))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	lang := "en"
	if strings.HasPrefix(name, "de/") {
		lang = "de" // the example's German feeds (see TestFeedsSpeakTheirLanguage)
	}
	if f.Title == "" || !strings.HasPrefix(f.Link, "https://") || f.Language != lang {
		t.Errorf("%s: title %q link %q language %q", name, f.Title, f.Link, f.Language)
	}
	if strings.HasSuffix(name, ".xml") {
		wellFormed(t, name, data)
	}
	var newest, newestPublished time.Time
	for i, it := range f.Items {
		if !strings.HasPrefix(it.Link, "https://") || !strings.HasPrefix(it.GUID, "tag:") {
			t.Errorf("%s item %d: link %q id %q", name, i, it.Link, it.GUID)
		}
		if it.PublishedParsed == nil {
			t.Fatalf("%s item %d: no date", name, i)
		}
		if i > 0 && it.PublishedParsed.After(*f.Items[i-1].PublishedParsed) {
			t.Errorf("%s: item %d is newer than item %d", name, i, i-1)
		}
		if it.UpdatedParsed != nil && it.UpdatedParsed.After(newest) {
			newest = *it.UpdatedParsed
		}
		if it.PublishedParsed.After(newest) {
			newest = *it.PublishedParsed
		}
		if it.PublishedParsed.After(newestPublished) {
			newestPublished = *it.PublishedParsed
		}
		if len(it.Content) < len(it.Description) || strings.Contains(it.Content, `href="/`) || strings.Contains(it.Content, `src="/`) {
			t.Errorf("%s item %d: content is not the whole text with absolute links", name, i)
		}
	}
	// A feed's updated time is its newest item's, never the clock's. Only
	// Atom items carry their own updated time; RSS items only their date.
	switch {
	case len(f.Items) == 0 || strings.HasSuffix(name, ".json"):
	case f.UpdatedParsed == nil:
		t.Errorf("%s: no updated time", name)
	case strings.HasSuffix(name, "atom.xml") && !f.UpdatedParsed.Equal(newest):
		t.Errorf("%s: updated %v, want the newest item's %v", name, f.UpdatedParsed, newest)
	case f.UpdatedParsed.Before(newestPublished):
		t.Errorf("%s: updated %v is before its newest item %v", name, f.UpdatedParsed, newestPublished)
	}
}

func wellFormed(t *testing.T, name string, data []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		_, err := d.Token()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			t.Fatalf("%s is not well-formed XML: %v", name, err)
		}
	}
}

// TestFeedItems checks one feed's items in detail: the limit, all tags as
// categories, the enclosure, and the same ids from a second build.
func TestFeedItems(t *testing.T) {
	first, second := build(t, sites["example"]), build(t, sites["example"])
	for _, n := range first.feeds() {
		if !bytes.Equal(first[n], second[n]) {
			t.Errorf("%s differs between two builds", n)
		}
	}
	for _, name := range []string{"feed.xml", "atom.xml", "feed.json"} {
		f, err := gofeed.NewParser().ParseString(string(first["press/"+name]))
		if err != nil {
			t.Fatal(err)
		}
		var kestrel *gofeed.Item
		for _, it := range f.Items {
			if strings.Contains(it.Link, "/press/kestrel-battery-park-online/") {
				kestrel = it
			}
		}
		if kestrel == nil {
			t.Fatalf("%s: the Kestrel release is missing", name)
		}
		if len(kestrel.Categories) < 2 {
			t.Errorf("%s: categories %v, want every tag", name, kestrel.Categories)
		}
		if !strings.Contains(kestrel.Content, `src="https://news.northwind.example/press/kestrel-battery-park-online/kestrel-aerial-1600w.jpg"`) {
			t.Errorf("%s: the body image is not absolute", name)
		}
		if kestrel.GUID != "tag:news.northwind.example,2026-09-15:/press/kestrel-battery-park-online/" {
			t.Errorf("%s: id %q", name, kestrel.GUID)
		}
		if name != "feed.json" && (len(kestrel.Enclosures) != 1 || kestrel.Enclosures[0].Type != "image/jpeg" || kestrel.Enclosures[0].Length == "0") {
			t.Errorf("%s: enclosures %+v", name, kestrel.Enclosures)
		}
		for _, it := range f.Items {
			if strings.Contains(it.Title, "Lubmin") || strings.Contains(it.Link, "hohenfelde-second-phase") {
				t.Errorf("%s: held item %q is in the feed", name, it.Title)
			}
		}
	}
	var jf struct {
		Version string
		Title   string
		FeedURL string `json:"feed_url"`
		Items   []struct {
			ID string `json:"id"`
		}
	}
	json.Unmarshal(second["feed.json"], &jf)
	if jf.Version != "https://jsonfeed.org/version/1.1" || jf.Title == "" || len(jf.Items) == 0 || jf.Items[0].ID == "" || jf.FeedURL != "https://news.northwind.example/feed.json" {
		t.Errorf("JSON Feed: %+v", jf)
	}
}

func TestFeedLimit(t *testing.T) {
	root := t.TempDir()
	os.MkdirAll(filepath.Join(root, "content/press"), 0o755)
	os.WriteFile(filepath.Join(root, "config.toml"), []byte("title = \"T\"\nbaseURL = \"https://t.example/\"\n[organization]\nname = \"T\"\n[feeds]\nlimit = 3\n"), 0o644)
	for _, d := range []string{"01", "02", "03", "04", "05"} {
		os.WriteFile(filepath.Join(root, "content/press/2026-01-"+d+"-r"+d+".md"), []byte("---\ntitle: R"+d+"\n---\nText.\n"), 0o644)
	}
	s := build(t, root)
	for _, n := range []string{"press/feed.xml", "press/atom.xml", "press/feed.json"} {
		f, err := gofeed.NewParser().ParseString(string(s[n]))
		if err != nil {
			t.Fatal(err)
		}
		if len(f.Items) != 3 || f.Items[0].Title != "R05" || f.Items[2].Title != "R03" {
			t.Errorf("%s: %d items, first %q", n, len(f.Items), f.Items[0].Title)
		}
	}
}

// TestGoldenFeeds compares the three feeds of one tag of the test site with
// golden files; run with -update after an intended change.
func TestGoldenFeeds(t *testing.T) {
	s := build(t, sites["small"])
	for _, name := range feeds.Files {
		got := s["tags/storage/"+name]
		golden := filepath.Join("testdata", "storage-"+name)
		if *update {
			os.WriteFile(golden, got, 0o644)
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from %s:\n%s", name, golden, got)
		}
	}
}

// TestFeedparser reads every feed with Python's feedparser, a second
// independent client, and requires it to find nothing malformed.
func TestFeedparser(t *testing.T) {
	python := ""
	for _, p := range []string{"/usr/bin/python3", "python3"} {
		if path, err := exec.LookPath(p); err == nil && exec.Command(path, "-c", "import feedparser").Run() == nil {
			python = path
			break
		}
	}
	if python == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("python3-feedparser is needed: apt-get install -y python3-feedparser")
		}
		t.Skip("python3-feedparser is not installed")
	}
	dir := t.TempDir()
	s := build(t, sites["example"])
	var files []string
	for _, n := range s.feeds() {
		if strings.HasSuffix(n, ".xml") {
			p := filepath.Join(dir, strings.ReplaceAll(n, "/", "_"))
			os.WriteFile(p, s[n], 0o644)
			files = append(files, p)
		}
	}
	script := `import sys, feedparser
for p in sys.argv[1:]:
    d = feedparser.parse(p)
    if d.bozo:
        print(p, "malformed:", d.bozo_exception); sys.exit(1)
    if not d.feed.get("title") or any(not e.get("id") or not e.get("published_parsed") or not e.get("content") for e in d.entries):
        print(p, "lacks a title, id, date or content"); sys.exit(1)
print("ok", len(sys.argv) - 1)
`
	out, err := exec.Command(python, append([]string{"-c", script}, files...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("feedparser: %v\n%s", err, out)
	}
}

// TestFeedsSpeakTheirLanguage: every feed of the example's German pages
// says it is German, as gofeed reads it, and holds German items only;
// every other feed says English.
func TestFeedsSpeakTheirLanguage(t *testing.T) {
	s := build(t, sites["example"])
	german := 0
	for _, n := range s.feeds() {
		f, err := gofeed.NewParser().Parse(bytes.NewReader(s[n]))
		if err != nil {
			t.Errorf("%s: %v", n, err)
			continue
		}
		want := "en"
		if strings.HasPrefix(n, "de/") {
			want = "de"
			german++
			for _, item := range f.Items {
				if !strings.Contains(item.Link, "/de/") {
					t.Errorf("%s: the German feed holds %s", n, item.Link)
				}
			}
		}
		if f.Language != want {
			t.Errorf("%s: language %q, want %q", n, f.Language, want)
		}
	}
	if german < 9 {
		t.Errorf("only %d German feeds in the example", german)
	}
}
