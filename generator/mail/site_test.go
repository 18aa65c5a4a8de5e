package mail_test

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pressroom/pressroom/generator/diskcache"
)

// testAt is the moment the tests send at: the held release's embargo lifts
// a week later.
var testAt = time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)

var testDiskCache = diskcache.Dir(filepath.Join(os.TempDir(), "pressroom-test-cache"))

// testSite is a newsroom with a public release, a held one, a photo only
// the held one uses, and a media list.
const testSite = `
-- config.toml --
title = "Example Newsroom"
baseURL = "https://news.example.test/"
timezone = "Europe/Berlin"
[organization]
name = "Example Energy"
boilerplate = "Example Energy stores wind power."
[[contacts]]
id = "press"
name = "Mira Sand"
role = "Head of Communications"
email = "press@example.test"
phone = "+49 30 0000 000"
[mail]
rate = 600000
unsubscribeURL = "https://news.example.test/unsubscribe?email={email}&list={list}"
-- content/press/2026-11-20-public-plant.md --
---
title: Public plant opens
date: 2026-11-20T10:00:00
location: Berlin
summary: The plant stores 200 MWh.
tags: [storage]
contacts: [press]
assets: [photos/public.jpg]
---
The plant opened today. See the [fact sheet](/assets/docs/facts.txt), [the library](/assets/) and [the held news](/press/held-hub/).

| Power | Storage |
| --- | --- |
| 100 MW | 200 MWh |
-- content/press/2026-12-01-held-hub.md --
---
title: Held hub agreed
date: 2026-12-01
embargo: 2026-12-01T09:00:00
location: Lubmin
summary: A hub of 1.6 GWh.
tags: [storage, partnerships]
contacts: [press]
assets: [photos/held.jpg]
---
The hub was agreed. Read about [the plant](/press/public-plant/) and see [the photo](/assets/photos/held.jpg).

![The hub](/assets/photos/held.jpg)
-- content/assets/docs/facts.txt --
facts
-- content/assets/photos/public.jpg.yaml --
alt: "Battery containers"
credit: "Photo: Example"
-- content/assets/photos/held.jpg.yaml --
alt: "The hub at dusk"
-- media/press.csv --
name,email,outlet,language,beats,embargo_ok
Jane Trusted,jane@outlet.example.com,Outlet One,en,storage,true
Tom Public,tom@outlet.example.org,Outlet Two,en,storage;grid,false
Wind Only,wind@outlet.example.org,Outlet Three,de,wind,true
Desk All,desk@outlet.example.com,Outlet Four,,,true
`

// writeSite writes an archive of "-- path --" sections and two photos,
// and returns the site's root.
func writeSite(t testing.TB, archive string) string {
	t.Helper()
	root := t.TempDir()
	var name string
	var body strings.Builder
	flush := func() {
		defer body.Reset()
		if name == "" {
			return
		}
		write(t, filepath.Join(root, filepath.FromSlash(name)), body.String())
	}
	for _, line := range strings.SplitAfter(archive, "\n") {
		if tr := strings.TrimSpace(line); strings.HasPrefix(tr, "-- ") && strings.HasSuffix(tr, " --") {
			flush()
			name = strings.TrimSuffix(strings.TrimPrefix(tr, "-- "), " --")
			continue
		}
		body.WriteString(line)
	}
	flush()
	for _, p := range []string{"public.jpg", "held.jpg"} {
		write(t, filepath.Join(root, "content", "assets", "photos", p), string(photo(t, 2000, 1200)))
	}
	return root
}

func write(t testing.TB, p, body string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

var photos = map[[2]int][]byte{}

func photo(t testing.TB, w, h int) []byte {
	if data, ok := photos[[2]int{w, h}]; ok {
		return data
	}
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y += 8 {
		for x := 0; x < w; x += 8 {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), 90, 255})
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 60}); err != nil {
		t.Fatal(err)
	}
	photos[[2]int{w, h}] = buf.Bytes()
	return buf.Bytes()
}
