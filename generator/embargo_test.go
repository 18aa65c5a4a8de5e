package generator_test

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/pressroom/pressroom/generator/output"
)

// embargoSite holds an embargoed release, a draft, and assets only they use,
// each carrying marker strings in every place a leak could hide: title,
// body, slug, tags, file names and bundle files.
const embargoSite = minimalConfig + `
-- content/press/2026-11-01-public.md --
---
title: Public release
tags: [storage]
---
Everyone may read this.
-- content/press/2026-12-01-zzembslug/index.md --
---
title: Q4 results ZZEMBTITLE
embargo: 2026-12-01T09:00:00
tags: [zzembtag, storage]
assets: [zzembphoto.jpg, photos/zzembasset.jpg]
contacts: [press]
---
The body ZZEMBBODY.

![only here](/assets/photos/zzbodyonly.jpg)
-- content/press/2026-12-01-zzembslug/zzembphoto.jpg --
ZZEMBBUNDLEFILE
-- content/press/2026-12-01-zzembslug/zzembphoto.jpg.yaml --
title: ZZEMBCAPTION
-- content/assets/photos/zzembasset.jpg --
ZZEMBASSETBYTES
-- content/assets/photos/zzembasset.jpg.yaml --
title: ZZEMBASSETTITLE
-- content/assets/photos/zzbodyonly.jpg --
ZZBODYONLYBYTES
-- content/assets/photos/zzsidecarembargo.jpg --
ZZSIDECARBYTES
-- content/assets/photos/zzsidecarembargo.jpg.yaml --
title: ZZSIDECARTITLE
embargo: 2026-12-01 09:00
-- content/microsites/zzdraftsite/_index.md --
---
title: Draft campaign
draft: true
logo: logos/zzdraftlogo.svg
---
-- content/assets/logos/zzdraftlogo.svg --
<svg xmlns="http://www.w3.org/2000/svg"/>
-- content/blog/2026-11-20-zzdraftslug.md --
---
title: Draft ZZDRAFTTITLE
draft: true
tags: [zzdrafttag]
---
ZZDRAFTBODY
`

var embargoMarkers = []string{"zzembslug", "ZZEMBTITLE", "zzembtag", "zzembphoto", "ZZEMBBODY", "ZZEMBBUNDLEFILE",
	"ZZEMBCAPTION", "zzembasset", "ZZEMBASSETBYTES", "ZZEMBASSETTITLE", "zzsidecarembargo", "ZZSIDECARBYTES", "ZZSIDECARTITLE", "zzbodyonly", "ZZBODYONLYBYTES"}

var draftMarkers = []string{"zzdraftslug", "ZZDRAFTTITLE", "zzdrafttag", "ZZDRAFTBODY", "zzdraftsite", "zzdraftlogo"}

// leaks returns every marker found in any output file's name or bytes,
// looking inside ZIP archives too.
func leaks(t *testing.T, mem *output.Memory, names []string, markers []string) []string {
	t.Helper()
	var found []string
	for _, name := range names {
		data, _ := mem.File(name)
		blobs := map[string][]byte{name: data}
		if strings.HasSuffix(name, ".zip") {
			zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			for _, f := range zr.File {
				rc, err := f.Open()
				if err != nil {
					t.Fatal(err)
				}
				b, _ := io.ReadAll(rc)
				rc.Close()
				blobs[name+"!"+f.Name] = b
			}
		}
		for where, b := range blobs {
			for _, m := range markers {
				if strings.Contains(strings.ToLower(where), strings.ToLower(m)) || bytes.Contains(bytes.ToLower(b), bytes.ToLower([]byte(m))) {
					found = append(found, m+" in "+where)
				}
			}
		}
	}
	return found
}

func TestEmbargoNeverLeaks(t *testing.T) {
	root := writeSite(t, embargoSite)
	realImages(t, root)
	held := time.Date(2026, 12, 1, 7, 59, 59, 0, time.UTC) // 08:59:59 in Berlin
	rep, mem, err := buildMemory(t, root, held, false)
	if err != nil {
		t.Fatal(err)
	}
	if found := leaks(t, mem, rep.Files, append(embargoMarkers, draftMarkers...)); len(found) > 0 {
		t.Errorf("held content leaked:\n%s", strings.Join(found, "\n"))
	}
	if _, ok := mem.File("press/public/index.html"); !ok {
		t.Error("the public release is missing")
	}
	if _, ok := mem.File("tags/storage/index.html"); !ok {
		t.Error("a tag the public release uses is missing")
	}
	if want := time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC); !rep.Site.NextLift.Equal(want) {
		t.Errorf("next lift = %v, want %v", rep.Site.NextLift, want)
	}
}

func TestEmbargoLifts(t *testing.T) {
	root := writeSite(t, embargoSite)
	realImages(t, root)
	lifted := time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC) // 09:00 in Berlin
	rep, mem, err := buildMemory(t, root, lifted, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"press/zzembslug/index.html", "press/zzembslug/zzembphoto.jpg",
		"assets/photos/zzembasset.jpg", "assets/photos/zzsidecarembargo.jpg", "assets/photos/zzbodyonly.jpg", "tags/zzembtag/index.html"} {
		if _, ok := mem.File(name); !ok {
			t.Errorf("%s is missing after the embargo lifted", name)
		}
	}
	page, _ := mem.File("press/zzembslug/index.html")
	if !bytes.Contains(page, []byte("ZZEMBBODY")) || !bytes.Contains(page, []byte("1 December 2026")) {
		t.Error("the lifted release lacks its body or its date")
	}
	list, _ := mem.File("press/index.html")
	if i, j := bytes.Index(list, []byte("ZZEMBTITLE")), bytes.Index(list, []byte("Public release")); i < 0 || i > j {
		t.Error("the lifted release is not listed first")
	}
	if found := leaks(t, mem, rep.Files, draftMarkers); len(found) > 0 {
		t.Errorf("the draft leaked: %v", found)
	}
	_, mem, err = buildMemory(t, root, lifted, true)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := mem.File("blog/zzdraftslug/index.html"); !ok {
		t.Error("--drafts does not publish the draft")
	}
}

// TestBundleLeadImage checks that a post's image from its own bundle is
// published and shown, as a library image would be.
func TestBundleLeadImage(t *testing.T) {
	root := writeSite(t, minimalConfig+`
-- content/blog/2026-01-01-with-photo/index.md --
---
title: With photo
image: photo.jpg
---
Text.
-- content/blog/2026-01-01-with-photo/photo.jpg --
photo
`)
	realImages(t, root)
	_, mem, err := buildMemory(t, root, testAt, false)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := mem.File("blog/with-photo/index.html")
	if !bytes.Contains(page, []byte(`<img src="/blog/with-photo/photo.jpg"`)) {
		t.Errorf("the bundle's lead image is not on the page")
	}
	feed, _ := mem.File("blog/feed.json")
	if !bytes.Contains(feed, []byte(`"size_in_bytes"`)) || !bytes.Contains(feed, []byte(`/blog/with-photo/photo.jpg`)) {
		t.Errorf("the JSON Feed lacks the lead image as an attachment with its size_in_bytes:\n%s", feed)
	}
}

// photoSpellings are ways of linking content/assets/photos/merger/Acme CEO
// handshake.jpg from the body of content/press/2026-12-01-merger.md that a
// browser or a host reads as that file.
var photoSpellings = map[string]string{
	"escaped spaces":        "![CEO](/assets/photos/merger/Acme%20CEO%20handshake.jpg)",
	"%2E for the dot":       "![CEO](/assets/photos/merger/Acme%20CEO%20handshake%2Ejpg)",
	"/./":                   "![CEO](/assets/./photos/merger/Acme%20CEO%20handshake.jpg)",
	"//":                    "![CEO](/assets//photos/merger/Acme%20CEO%20handshake.jpg)",
	"angle brackets":        "![CEO](</assets/photos/merger/Acme CEO handshake.jpg>)",
	"/ASSETS/":              "![CEO](/ASSETS/photos/merger/Acme%20CEO%20handshake.jpg)",
	"the name's case":       "![CEO](/assets/Photos/Merger/ACME%20CEO%20HANDSHAKE.JPG)",
	"relative":              "![CEO](../../assets/photos/merger/Acme%20CEO%20handshake.jpg)",
	"the site's own host":   "![CEO](https://NEWS.test.example/assets/photos/merger/Acme%20CEO%20handshake.jpg)",
	"a reference":           "![CEO][photo]\n\n[photo]: </assets/photos/merger/Acme CEO handshake.jpg>",
	"an autolink":           "<https://news.test.example/assets/photos/merger/Acme%20CEO%20handshake.jpg>",
	"a bare URL":            "See https://news.test.example/assets/photos/merger/Acme%20CEO%20handshake.jpg today.",
	"raw HTML src":          `Inline <img src="/assets/photos/merger/Acme%20CEO%20handshake.jpg" alt="CEO"> photo.`,
	"an HTML block's href":  "<p>\n<a href='../../assets/photos/merger/Acme CEO handshake.jpg'>CEO</a>\n</p>",
	"a character reference": "![CEO](/assets/photos/merger/Acme%20CEO%20handshake&#46;jpg)",
}

func photoSite(link string) string {
	return minimalConfig + `
-- content/press/2026-11-01-public.md --
---
title: Public release
---
Nothing held here.
-- content/press/2026-12-01-merger.md --
---
title: Acme merges
embargo: 2026-12-01T09:00:00
---
The merger.

` + link + `
-- content/assets/photos/merger/Acme CEO handshake.jpg --
handshake
`
}

// TestEmbargoedPhotoInAnySpelling: a photo that only an embargoed release's
// body links is held back however the link is spelt, and published, linked
// in its one canonical spelling, when the embargo lifts.
func TestEmbargoedPhotoInAnySpelling(t *testing.T) {
	const photo = "assets/photos/merger/Acme CEO handshake.jpg"
	for what, link := range photoSpellings {
		t.Run(what, func(t *testing.T) {
			t.Parallel()
			root := writeSite(t, photoSite(link))
			realImages(t, root)
			rep, mem, err := buildMemory(t, root, testAt, false)
			if err != nil {
				t.Fatal(err)
			}
			if found := leaks(t, mem, rep.Files, []string{"handshake", "merger"}); len(found) > 0 {
				t.Errorf("the embargoed release's photo leaked:\n%s", strings.Join(found, "\n"))
			}
			lift := time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)
			_, mem, err = buildMemory(t, root, lift, false)
			if err != nil {
				t.Fatal(err)
			}
			if _, ok := mem.File(photo); !ok {
				t.Errorf("%s is missing after the embargo lifted", photo)
			}
			page, _ := mem.File("press/merger/index.html")
			if strings.HasPrefix(link, "!") && !bytes.Contains(page, []byte(`"https://news.test.example/assets/photos/merger/Acme%20CEO%20handshake.jpg"`)) &&
				what != "the name's case" {
				t.Errorf("the page does not link the photo canonically:\n%s", page)
			}
		})
	}
}

// TestSectionIndexCannotBeHeld: a section's _index.md only titles its list;
// a draft one is refused at its draft line, rather than accepted while its
// title shows in every page's navigation.
func TestSectionIndexCannotBeHeld(t *testing.T) {
	root := writeSite(t, minimalConfig+`
-- content/press/_index.md --
---
title: ZZSECRETSECTION
draft: true
---
Our releases.
-- content/press/2026-11-01-public.md --
---
title: Public release
---
Text.
`)
	_, _, err := buildMemory(t, root, testAt, false)
	if err == nil {
		t.Fatal("a draft section index was accepted")
	}
	got := strings.Join(problemsOf(t, err), "\n")
	if want := "content/press/_index.md:3: a section's _index.md cannot be a draft"; !strings.Contains(got, want) {
		t.Errorf("want %q in:\n%s", want, got)
	}
	root = writeSite(t, minimalConfig+`
-- content/blog/_index.md --
---
title: Blog
embargo: 2026-12-01T09:00:00
---
`)
	if _, _, err := buildMemory(t, root, testAt, false); err == nil {
		t.Error("an embargoed section index was accepted")
	} else if got := strings.Join(problemsOf(t, err), "\n"); !strings.Contains(got, "content/blog/_index.md:3:") {
		t.Errorf("the error does not name the embargo's line:\n%s", got)
	}
	root = writeSite(t, minimalConfig+`
-- content/press/_index.md --
---
title: Our releases
draft: false
date: 2027-01-01
---
`)
	_, mem, err := buildMemory(t, root, testAt, false)
	if err != nil {
		t.Fatalf("a section index with draft: false and a date: %v", err)
	}
	if list, _ := mem.File("press/index.html"); !bytes.Contains(list, []byte("Our releases")) {
		t.Error("a section index's date held its title back")
	}
}

// TestEmbargoedLeadPhotoHasNoCard: the lead photo of an embargoed release
// gets no social card, and no page's head or structured data names it,
// until the embargo lifts; then the release is shared with its card.
func TestEmbargoedLeadPhotoHasNoCard(t *testing.T) {
	root := writeSite(t, minimalConfig+`
-- content/press/2026-11-01-public.md --
---
title: Public release
---
Everyone may read this.
-- content/press/2026-12-01-zzembcard.md --
---
title: Q4 results ZZEMBCARDTITLE
embargo: 2026-12-01T09:00:00
assets: [photos/zzembcardphoto.jpg]
---
Held.
`)
	writeImage(t, root+"/content/assets/photos/zzembcardphoto.jpg", 1400, 800)
	held := time.Date(2026, 12, 1, 7, 59, 59, 0, time.UTC)
	rep, mem, err := buildMemory(t, root, held, false)
	if err != nil {
		t.Fatal(err)
	}
	if found := leaks(t, mem, rep.Files, []string{"zzembcard", "ZZEMBCARDTITLE"}); len(found) > 0 {
		t.Errorf("held content leaked:\n%s", strings.Join(found, "\n"))
	}
	_, mem, err = buildMemory(t, root, held.Add(time.Second), false)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := mem.File("assets/photos/zzembcardphoto-1200x630.jpg"); !ok {
		t.Fatal("the lifted release's photo has no social card")
	}
	page, _ := mem.File("press/zzembcard/index.html")
	if h := parseHead(t, page); h.one("og:image") != "https://news.test.example/assets/photos/zzembcardphoto-1200x630.jpg" {
		t.Errorf("the lifted release is shared with %q", h.one("og:image"))
	}
}
