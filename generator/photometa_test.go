package generator_test

import (
	"bytes"
	"encoding/json"
	"image"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pressroom/pressroom/generator/images/phototest"
)

// photoMetaSite has a release with two photos and no sidecar for the
// first: a portrait stored on its side (EXIF orientation 6) whose IPTC
// names its creator and copyright, and one whose sidecar overrides its
// IPTC credit.
const photoMetaSite = minimalConfig + `-- content/press/2026-11-03-plant.md --
---
title: "A plant opens"
date: 2026-11-03T09:00:00
contacts: [press]
assets: [photos/turned.jpg, photos/overridden.jpg]
---
Northwind opens a plant.
-- content/assets/photos/overridden.jpg.yaml --
credit: "Photo: Northwind press desk"
`

func buildPhotoMetaSite(t *testing.T) *memoryBuild {
	t.Helper()
	root := writeSite(t, photoMetaSite)
	turned := phototest.JPEG(phototest.Photo{Width: 1400, Height: 2600, Orientation: 6,
		IPTC: map[string]string{"By-line": "Jo Fotograf", "CopyrightNotice": "Free for editorial use", "Headline": "The plant from the air"}})
	overridden := phototest.JPEG(phototest.Photo{Width: 800, Height: 600,
		IPTC: map[string]string{"By-line": "Agency Stringer", "CopyrightNotice": "All rights reserved"}})
	for name, data := range map[string][]byte{"turned.jpg": turned, "overridden.jpg": overridden} {
		if err := os.WriteFile(filepath.Join(root, "content/assets/photos", name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	rep, mem, err := buildMemory(t, root, testAt, false)
	if err != nil {
		t.Fatal(err)
	}
	return &memoryBuild{files: rep.Files, mem: mem}
}

type memoryBuild struct {
	files []string
	mem   interface{ File(string) ([]byte, bool) }
}

func (b *memoryBuild) file(t *testing.T, name string) []byte {
	t.Helper()
	data, ok := b.mem.File(name)
	if !ok {
		t.Fatalf("%s was not written; the build wrote %v", name, b.files)
	}
	return data
}

// TestPhotoMetadataWithoutSidecar: a photo's IPTC gives its title, credit
// and licence where it has no sidecar, and the library page, the kit's
// README and its manifest say so; a sidecar's credit wins over the IPTC.
func TestPhotoMetadataWithoutSidecar(t *testing.T) {
	b := buildPhotoMetaSite(t)
	library := strings.ReplaceAll(string(b.file(t, "assets/index.html")), "&#39;", "'") // the theme's words escape apostrophes
	for _, want := range []string{"The plant from the air", "Credit: Jo Fotograf <span class=\"meta-source\">(from the photo's IPTC)</span>",
		"Licence: Free for editorial use <span class=\"meta-source\">(from the photo's IPTC)</span>",
		"Credit: Photo: Northwind press desk · Licence: All rights reserved <span class=\"meta-source\">(from the photo's IPTC)</span>"} {
		if !strings.Contains(library, want) {
			t.Errorf("the library page does not say %q:\n%s", want, library)
		}
	}
	if strings.Contains(library, "Agency Stringer") {
		t.Error("the library page shows the IPTC credit the sidecar overrides")
	}
	kit := b.file(t, "press/plant/press-kit.zip")
	readme := strings.Join(strings.Fields(string(zipEntry(t, kit, "README.txt"))), " ") // as read, not as wrapped
	for _, want := range []string{"Credit: Jo Fotograf. Licence: Free for editorial use.", "(As the photo's own metadata says: title from its IPTC, credit from its IPTC, licence from its IPTC.)",
		"Credit: Photo: Northwind press desk. Licence: All rights reserved.", "(As the photo's own metadata says: licence from its IPTC.)"} {
		if !strings.Contains(readme, want) {
			t.Errorf("the kit's README does not say %q:\n%s", want, readme)
		}
	}
	var manifest struct {
		Files []struct{ Path, Credit, CreditFrom, License, LicenseFrom string }
	}
	if err := json.Unmarshal(zipEntry(t, kit, "manifest.json"), &manifest); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, f := range manifest.Files {
		got[f.Path] = f.Credit + " / " + f.CreditFrom + " / " + f.License + " / " + f.LicenseFrom
	}
	for path, want := range map[string]string{"assets/photos/turned.jpg": "Jo Fotograf / IPTC / Free for editorial use / IPTC", "assets/photos/overridden.jpg": "Photo: Northwind press desk / sidecar / All rights reserved / IPTC"} {
		if got[path] != want {
			t.Errorf("manifest: %s is %q, want %q (all: %v)", path, got[path], want, got)
		}
	}
}

// TestPhotoShownUpright: a photo stored on its side is measured, shown and
// derived upright: its sizes on pages are the upright ones, its web-sized
// copy and its social card are upright, and the original is published
// untouched.
func TestPhotoShownUpright(t *testing.T) {
	b := buildPhotoMetaSite(t)
	library := string(b.file(t, "assets/index.html"))
	if !strings.Contains(library, "2600 × 1400 px") {
		t.Error("the library does not give the upright size 2600 × 1400")
	}
	for name, want := range map[string]image.Point{"assets/photos/turned-1600w.jpg": {1600, 862}, "assets/photos/turned-480w.jpg": {480, 258}, "assets/photos/turned-1200x630.jpg": {1200, 630}} {
		img, _, err := image.Decode(bytes.NewReader(b.file(t, name)))
		if err != nil {
			t.Fatal(err)
		}
		if got := img.Bounds().Size(); got != want {
			t.Errorf("%s is %v, want %v", name, got, want)
		}
		// Stored top-left is red; orientation 6 shows it top-right.
		if bd := img.Bounds(); !isRedAt(img, bd.Dx()*3/4, bd.Dy()/4) || isRedAt(img, bd.Dx()/4, bd.Dy()/4) {
			t.Errorf("%s is not upright", name)
		}
	}
	if !bytes.Equal(b.file(t, "assets/photos/turned.jpg"), phototest.JPEG(phototest.Photo{Width: 1400, Height: 2600, Orientation: 6,
		IPTC: map[string]string{"By-line": "Jo Fotograf", "CopyrightNotice": "Free for editorial use", "Headline": "The plant from the air"}})) {
		t.Error("the original was not published as it is")
	}
	h := parseHead(t, b.file(t, "press/plant/index.html"))
	if h.one("og:image") != "https://news.test.example/assets/photos/turned-1200x630.jpg" || h.one("og:image:width") != "1200" || h.one("og:image:height") != "630" {
		t.Errorf("og:image %q %s × %s, want the upright card", h.one("og:image"), h.one("og:image:width"), h.one("og:image:height"))
	}
	if h.one("og:image:alt") != "The plant from the air" {
		t.Errorf("og:image:alt %q, want the IPTC headline", h.one("og:image:alt"))
	}
}

func isRedAt(img image.Image, x, y int) bool {
	r, g, bl, _ := img.At(x, y).RGBA()
	return r > 0x8000 && g < 0x6000 && bl < 0x6000
}
