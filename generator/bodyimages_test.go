package generator_test

import (
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// bodyImageSite has a release whose body shows a library photo written
// three ways, and a bundle whose body shows its own photo.
const bodyImageSite = minimalConfig + `
-- content/press/2026-11-02-library.md --
---
title: Library photos
date: 2026-11-02T09:00:00
---
First ![The plant](photos/plant.jpg) as a library name.

Second ![The plant again](/assets/photos/plant.jpg "Rooted").

Third ![And again](assets/photos/plant.jpg), and one elsewhere ![A map](https://maps.example.org/x.png).
-- content/press/2026-11-03-bundle/index.md --
---
title: Bundle photo
date: 2026-11-03T09:00:00
---
![The roof](roof.jpg)
`

// TestBodyImagesAreTheLibrarys: an image of a body that names a library
// file (as "photos/x.jpg", "/assets/photos/x.jpg" or "assets/photos/x.jpg")
// or a file of its bundle is shown as the library shows photos: the web-sized
// derivative with width, height, srcset and sizes, lazily after the first,
// linked from the root on pages and absolutely in feeds.
func TestBodyImagesAreTheLibrarys(t *testing.T) {
	root := writeSite(t, bodyImageSite)
	writeImage(t, filepath.Join(root, "content/assets/photos/plant.jpg"), 2400, 1600)
	writeImage(t, filepath.Join(root, "content/press/2026-11-03-bundle/roof.jpg"), 1000, 800)
	_, mem, err := buildMemory(t, root, testAt, false)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := mem.File("press/library/index.html")
	srcset := `srcset="/assets/photos/plant-480w.jpg 480w, /assets/photos/plant-720w.jpg 720w, /assets/photos/plant-1600w.jpg 1600w, /assets/photos/plant.jpg 2400w" sizes="(min-width: 44.5rem) 42rem, calc(100vw - 2.5rem)"`
	for _, want := range []string{
		`<img src="/assets/photos/plant-1600w.jpg" alt="The plant" width="1600" height="1067" ` + srcset + ` decoding="async">`,
		`<img src="/assets/photos/plant-1600w.jpg" alt="The plant again" title="Rooted" width="1600" height="1067" ` + srcset + ` loading="lazy" decoding="async">`,
		`<img src="/assets/photos/plant-1600w.jpg" alt="And again" width="1600" height="1067" ` + srcset + ` loading="lazy" decoding="async">`,
		`<img src="https://maps.example.org/x.png" alt="A map">`,
	} {
		if !strings.Contains(string(page), want) {
			t.Errorf("the page does not show\n%s\nin\n%s", want, page)
		}
	}
	if strings.Contains(string(page), `src="https://news.test.example/`) {
		t.Error("a body image of the page is linked by its absolute address")
	}
	feed, _ := mem.File("press/feed.xml")
	if !strings.Contains(string(feed), `&lt;img src=&#34;https://news.test.example/assets/photos/plant-1600w.jpg&#34;`) &&
		!strings.Contains(string(feed), `<img src="https://news.test.example/assets/photos/plant-1600w.jpg"`) {
		t.Errorf("the feed does not link the photo absolutely:\n%s", feed)
	}
	bundle, _ := mem.File("press/bundle/index.html")
	if want := `<img src="/press/bundle/roof.jpg" alt="The roof" width="1000" height="800" srcset="/press/bundle/roof-480w.jpg 480w, /press/bundle/roof-720w.jpg 720w, /press/bundle/roof.jpg 1000w" sizes="(min-width: 44.5rem) 42rem, calc(100vw - 2.5rem)" decoding="async">`; !strings.Contains(string(bundle), want) {
		t.Errorf("the bundle's page does not show\n%s\nin\n%s", want, bundle)
	}
	if h := parseHead(t, bundle); h.one("og:image") != "https://news.test.example/press/bundle/roof.jpg" {
		t.Errorf("the bundle's page is shared with %q, want its body's photo", h.one("og:image"))
	}
}

// TestPhotoOnlyInAHeldBodyIsHeld: a library photo that only an embargoed
// release's body shows, by its library name, is held with the release.
func TestPhotoOnlyInAHeldBodyIsHeld(t *testing.T) {
	root := writeSite(t, minimalConfig+`
-- content/press/2026-12-01-q4.md --
---
title: Q4
embargo: 2026-12-01T09:00:00
---
![The new plant](photos/zzheldplant.jpg)
`)
	writeImage(t, filepath.Join(root, "content/assets/photos/zzheldplant.jpg"), 800, 600)
	held := time.Date(2026, 12, 1, 7, 59, 59, 0, time.UTC)
	rep, mem, err := buildMemory(t, root, held, false)
	if err != nil {
		t.Fatal(err)
	}
	if found := leaks(t, mem, rep.Files, []string{"zzheldplant"}); len(found) > 0 {
		t.Errorf("held content leaked:\n%s", strings.Join(found, "\n"))
	}
	_, mem, _ = buildMemory(t, root, held.Add(time.Second), false)
	if _, ok := mem.File("assets/photos/zzheldplant.jpg"); !ok {
		t.Error("the photo is not published with its release")
	}
}
