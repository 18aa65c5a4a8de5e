package generator_test

import (
	"bytes"
	"encoding/json"
	"image"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/pressroom/pressroom/generator/config"
	"github.com/pressroom/pressroom/generator/output"
	renderpages "github.com/pressroom/pressroom/generator/render/pages"
)

// head is what a page's <head> says: meta tags by name or property (each
// with every value given), links by rel, the title, and the JSON-LD.
type head struct {
	title  string
	meta   map[string][]string
	links  map[string][]string
	jsonLD []string
}

func parseHead(t *testing.T, page []byte) head {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	h := head{meta: map[string][]string{}, links: map[string][]string{}}
	var walk func(n *html.Node, inHead bool)
	walk = func(n *html.Node, inHead bool) {
		if n.Type == html.ElementNode {
			attr := map[string]string{}
			for _, a := range n.Attr {
				attr[a.Key] = a.Val
			}
			switch {
			case n.Data == "head":
				inHead = true
			case !inHead:
			case n.Data == "title" && n.FirstChild != nil:
				h.title = n.FirstChild.Data
			case n.Data == "meta" && attr["property"] != "":
				h.meta[attr["property"]] = append(h.meta[attr["property"]], attr["content"])
			case n.Data == "meta" && attr["name"] != "":
				h.meta[attr["name"]] = append(h.meta[attr["name"]], attr["content"])
			case n.Data == "link":
				h.links[attr["rel"]] = append(h.links[attr["rel"]], attr["href"])
			case n.Data == "script" && attr["type"] == "application/ld+json" && n.FirstChild != nil:
				h.jsonLD = append(h.jsonLD, n.FirstChild.Data)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inHead)
		}
	}
	walk(doc, false)
	return h
}

func (h head) one(key string) string {
	if v := h.meta[key]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// pagesOf lists the HTML pages a build wrote (not the site's static/ files,
// which are published as they are).
func pagesOf(mem *output.Memory, files []string, root string) []string {
	var out []string
	for _, name := range files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		if _, err := os.Stat(filepath.Join(root, "static", filepath.FromSlash(name))); err == nil {
			continue
		}
		out = append(out, name)
	}
	sort.Strings(out)
	return out
}

// headSite is a newsroom with a raster logo, a hostile title, a photo and
// a page without one.
var headSite = strings.Replace(minimalConfig, "[organization]\n", "[organization]\nlogo = \"logos/org.svg\"\nlogoRaster = \"logos/org-card.png\"\n", 1) + `-- content/assets/logos/org.svg --
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>
-- content/press/2026-11-02-hostile.md --
---
title: "Breaking </script><script>alert(1)</script> & <!-- news \u2028 today"
date: 2026-11-02T09:00:00
contacts: [press]
tags: [grid]
---
A release whose title tries to leave the script element.
-- content/press/2026-11-03-plant.md --
---
title: "A plant opens"
date: 2026-11-03T09:00:00
lastmod: 2026-11-05T12:00:00
contacts: [press]
assets: [photos/plant.jpg]
---
Northwind opens a plant.
-- content/blog/2026-11-04-post.md --
---
title: "Behind the scenes"
date: 2026-11-04T09:00:00
author: "Alex Doe"
---
A post.
-- content/pages/about.md --
---
title: About us
---
Who we are.
`

// buildHeadSite writes headSite with real images: a 2400 × 1600 photo and
// a 600 × 200 logo.
func buildHeadSite(t *testing.T) (string, []string, *output.Memory) {
	t.Helper()
	root := writeSite(t, headSite)
	writeImage(t, filepath.Join(root, "content/assets/photos/plant.jpg"), 2400, 1600)
	writeImage(t, filepath.Join(root, "content/assets/logos/org-card.png"), 600, 200)
	rep, mem, err := buildMemory(t, root, testAt, false)
	if err != nil {
		t.Fatal(err)
	}
	return root, rep.Files, mem
}

// TestHeadOfEveryPage reads every page of the example newsroom, the small
// test site and a site with a raster logo, and checks what its <head> says.
func TestHeadOfEveryPage(t *testing.T) {
	type site struct {
		root  string
		files []string
		mem   *output.Memory
		// raster: the site has a raster logo, so every page has an image
		raster bool
	}
	var sites []site
	for _, root := range []string{"testdata/small", ".."} {
		if root == ".." {
			if _, err := os.Stat("../config.toml"); err != nil {
				continue
			}
		}
		rep, mem, err := buildMemory(t, root, testAt, false)
		if err != nil {
			t.Fatal(err)
		}
		sites = append(sites, site{root, rep.Files, mem, root == ".."})
	}
	root, files, mem := buildHeadSite(t)
	sites = append(sites, site{root, files, mem, true})
	for _, s := range sites {
		rep, _, _ := buildMemory(t, s.root, testAt, false)
		base := rep.Site.Config.BaseURL
		pages := pagesOf(s.mem, s.files, s.root)
		if len(pages) < 5 {
			t.Fatalf("%s: only %d pages", s.root, len(pages))
		}
		for _, full := range pages {
			data, _ := s.mem.File(full)
			h := parseHead(t, data)
			where := s.root + ": " + full
			// A page of another language is checked as its default one is.
			lang, name := rep.Site.Lang, full
			for _, l := range rep.Site.Languages[1:] {
				if rest, ok := strings.CutPrefix(full, l.Prefix); ok {
					lang, name = l.Lang, rest
				}
			}
			for _, key := range []string{"description", "og:site_name", "og:title", "og:description", "og:url", "og:type", "og:locale", "twitter:card", "twitter:title", "twitter:description"} {
				if len(h.meta[key]) != 1 || strings.TrimSpace(h.meta[key][0]) == "" {
					t.Errorf("%s: %s is %q, want one value", where, key, h.meta[key])
				}
			}
			if h.title == "" {
				t.Errorf("%s: no <title>", where)
			}
			if want := renderpages.Locale(lang); h.one("og:locale") != want {
				t.Errorf("%s: og:locale %q, want %s", where, h.one("og:locale"), want)
			}
			noindex := name == "404.html" || strings.HasPrefix(name, "tags/") || name == "search/index.html" // results are no content of their own
			if got := h.one("robots") == "noindex"; got != noindex {
				t.Errorf("%s: noindex is %v, want %v", where, got, noindex)
			}
			if noindex {
				if len(h.links["canonical"]) != 0 {
					t.Errorf("%s: a page that is not content has a canonical link %q", where, h.links["canonical"])
				}
			} else {
				want := base + strings.TrimSuffix(full, "index.html")
				if c := h.links["canonical"]; len(c) != 1 || c[0] != want {
					t.Errorf("%s: canonical %q, want %q", where, c, want)
				}
			}
			for _, key := range []string{"og:url", "og:image", "twitter:image"} {
				for _, u := range h.meta[key] {
					if !strings.HasPrefix(u, base) {
						t.Errorf("%s: %s %q is not under %s", where, key, u, base)
					}
				}
			}
			for _, key := range []string{"article:published_time", "article:modified_time"} {
				for _, d := range h.meta[key] {
					if strings.HasPrefix(d, "0001") || d == "" {
						t.Errorf("%s: %s is %q", where, key, d)
					}
				}
			}
			checkShareImage(t, where, h, s.mem, base, s.raster)
			checkJSONLD(t, where, h, name, rep.Site.In(lang).Config.Contacts)
		}
	}
}

// checkShareImage checks a page's og:image: there when the site has a
// raster logo, a file of the build, PNG or JPEG, of the size declared.
func checkShareImage(t *testing.T, where string, h head, mem *output.Memory, base string, required bool) {
	t.Helper()
	img := h.one("og:image")
	if img == "" {
		if required {
			t.Errorf("%s: no og:image", where)
		}
		return
	}
	for _, key := range []string{"og:image:width", "og:image:height", "og:image:alt", "og:image:type", "twitter:image", "twitter:image:alt"} {
		if h.one(key) == "" {
			t.Errorf("%s: og:image without %s", where, key)
		}
	}
	data, ok := mem.File(strings.TrimPrefix(img, base))
	if !ok {
		t.Errorf("%s: og:image %s is not in the build", where, img)
		return
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || (format != "jpeg" && format != "png") {
		t.Errorf("%s: og:image %s is not a PNG or JPEG (%v, %s)", where, img, err, format)
		return
	}
	if w, ht := strconv.Itoa(cfg.Width), strconv.Itoa(cfg.Height); w != h.one("og:image:width") || ht != h.one("og:image:height") {
		t.Errorf("%s: og:image %s is %s × %s, declared %s × %s", where, img, w, ht, h.one("og:image:width"), h.one("og:image:height"))
	}
}

// writeImage writes a w × h JPEG or PNG (by the name's extension).
func writeImage(t testing.TB, p string, w, h int) {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			i := img.PixOffset(x, y)
			img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = uint8(x*255/w), uint8(y*255/h), 128, 255
		}
	}
	var buf bytes.Buffer
	if strings.HasSuffix(p, ".png") {
		png.Encode(&buf, img)
	} else {
		jpeg.Encode(&buf, img, &jpeg.Options{Quality: 80})
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// checkJSONLD parses a page's structured data and checks the properties
// Google's documentation for articles, organisations and events requires
// or recommends.
func checkJSONLD(t *testing.T, where string, h head, name string, contacts []config.Contact) {
	t.Helper()
	var want string
	switch {
	case name == "index.html":
		want = "Organization"
	case strings.HasPrefix(name, "press/") && !strings.HasPrefix(name, "press/page/") && name != "press/index.html":
		want = "NewsArticle"
	case strings.HasPrefix(name, "blog/") && !strings.HasPrefix(name, "blog/page/") && name != "blog/index.html":
		want = "BlogPosting"
	case strings.HasPrefix(name, "events/") && name != "events/index.html":
		want = "Event"
	}
	if want == "" {
		if len(h.jsonLD) != 0 {
			t.Errorf("%s: structured data on a page that has none: %s", where, h.jsonLD)
		}
		return
	}
	if len(h.jsonLD) != 1 {
		t.Errorf("%s: %d JSON-LD scripts, want one %s", where, len(h.jsonLD), want)
		return
	}
	var data map[string]any
	if err := json.Unmarshal([]byte(h.jsonLD[0]), &data); err != nil {
		t.Errorf("%s: JSON-LD does not parse: %v\n%s", where, err, h.jsonLD[0])
		return
	}
	if data["@context"] != "https://schema.org" || data["@type"] != want {
		t.Errorf("%s: JSON-LD is a %v of %v, want a %s of https://schema.org", where, data["@type"], data["@context"], want)
	}
	required := map[string][]string{
		"Organization": {"name", "url"},
		"NewsArticle":  {"headline", "datePublished", "dateModified", "author", "publisher", "url"},
		"BlogPosting":  {"headline", "datePublished", "dateModified", "author", "publisher", "url"},
		"Event":        {"name", "startDate", "location", "eventAttendanceMode", "eventStatus", "organizer", "url"},
	}[want]
	for _, key := range required {
		if v, ok := data[key]; !ok || v == "" || v == nil {
			t.Errorf("%s: %s without %s", where, want, key)
		}
	}
	if want == "Organization" {
		points, _ := data["contactPoint"].([]any)
		if len(points) != len(contacts) {
			t.Errorf("%s: %d contactPoint, want one per media contact (%d)", where, len(points), len(contacts))
		}
	}
	if want == "NewsArticle" || want == "BlogPosting" {
		if d, _ := data["datePublished"].(string); d != h.one("article:published_time") {
			t.Errorf("%s: datePublished %q, but article:published_time %q", where, d, h.one("article:published_time"))
		}
		if h.one("og:image") != "" {
			if imgs, _ := data["image"].([]any); len(imgs) == 0 || imgs[0] != h.one("og:image") {
				t.Errorf("%s: image %v, want the og:image %s", where, data["image"], h.one("og:image"))
			}
		}
	}
}

// TestJSONLDCannotLeaveItsScript renders a release whose title holds
// "</script>", "<!--", "&" and U+2028: its structured data stays one
// script element, reads back as the title, and is as in
// testdata/head/hostile.golden (-update rewrites it).
func TestJSONLDCannotLeaveItsScript(t *testing.T) {
	_, _, mem := buildHeadSite(t)
	page, ok := mem.File("press/hostile/index.html")
	if !ok {
		t.Fatal("no page for the hostile release")
	}
	start := bytes.Index(page, []byte(`<script type="application/ld+json">`))
	end := bytes.Index(page[start:], []byte("</script>"))
	if start < 0 || end < 0 {
		t.Fatalf("no JSON-LD script in\n%s", page)
	}
	got := page[start : start+end+len("</script>")]
	golden := filepath.Join("testdata", "head", "hostile.golden")
	if *update {
		if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("the script differs from %s:\n got: %s\nwant: %s", golden, got, want)
	}
	h := parseHead(t, page)
	if len(h.jsonLD) != 1 {
		t.Fatalf("%d JSON-LD scripts, want 1", len(h.jsonLD))
	}
	var data struct{ Headline string }
	if err := json.Unmarshal([]byte(h.jsonLD[0]), &data); err != nil {
		t.Fatal(err)
	}
	if title := "Breaking </script><script>alert(1)</script> & <!-- news \u2028 today"; data.Headline != title {
		t.Errorf("headline %q, want %q", data.Headline, title)
	}
	doc, _ := html.Parse(bytes.NewReader(page))
	var scripts int
	var count func(n *html.Node)
	count = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "script" {
			scripts++
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			count(c)
		}
	}
	count(doc)
	if scripts != 1 {
		t.Errorf("the page has %d script elements, want the one of the structured data", scripts)
	}
}
