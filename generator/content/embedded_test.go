package content

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pressroom/pressroom/generator/images/phototest"
)

// loadPhoto loads a site holding content/assets/photo.jpg, made of p, and
// the sidecar (none when "") beside it, and returns the photo's asset.
func loadPhoto(t *testing.T, p phototest.Photo, sidecar string) *Asset {
	t.Helper()
	root := t.TempDir()
	dir := filepath.Join(root, "content", "assets")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "photo.jpg"), phototest.JPEG(p), 0o644); err != nil {
		t.Fatal(err)
	}
	if sidecar != "" {
		if err := os.WriteFile(filepath.Join(dir, "photo.jpg.yaml"), []byte(sidecar), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	src, err := Load(context.Background(), root, In(time.UTC), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range src.Assets {
		if a.Name == "photo.jpg" {
			return a
		}
	}
	t.Fatal("photo.jpg not loaded")
	return nil
}

// TestEmbeddedMetadataFillsTheSidecar: a photo's IPTC, XMP and EXIF fill
// what its sidecar leaves out, in SPEC's order (headline or title;
// description; creator or credit line; copyright or usage terms), each
// value saying where it came from; the sidecar always wins.
func TestEmbeddedMetadataFillsTheSidecar(t *testing.T) {
	iptc := map[string]string{"Headline": "Wind farm at dusk", "By-line": "Jo Fotograf", "CopyrightNotice": "© 2026 Northwind Energy", "Caption-Abstract": "Turbines at Hohenfelde."}
	tests := map[string]struct {
		photo   phototest.Photo
		sidecar string
		want    map[string]string // key: "value from"
	}{
		"IPTC without a sidecar": {phototest.Photo{IPTC: iptc}, "",
			map[string]string{"title": "Wind farm at dusk IPTC", "credit": "Jo Fotograf IPTC", "license": "© 2026 Northwind Energy IPTC", "caption": "Turbines at Hohenfelde. IPTC"}},
		"the sidecar wins": {phototest.Photo{IPTC: iptc}, "credit: \"Photo: Northwind\"\nlicense: CC BY 4.0\n",
			map[string]string{"title": "Wind farm at dusk IPTC", "credit": "Photo: Northwind sidecar", "license": "CC BY 4.0 sidecar", "caption": "Turbines at Hohenfelde. IPTC"}},
		"XMP before IPTC": {phototest.Photo{IPTC: map[string]string{"By-line": "IIM Name"}, XMP: map[string]string{"dc:creator": "XMP Name", "dc:title": "XMP title", "xmpRights:UsageTerms": "Editorial use only", "Iptc4xmpCore:AltTextAccessibility": "Three turbines on a hill"}}, "",
			map[string]string{"title": "XMP title XMP", "credit": "XMP Name XMP", "license": "Editorial use only XMP", "alt": "Three turbines on a hill XMP"}},
		"IPTC after a large XMP packet": {phototest.Photo{IPTC: map[string]string{"By-line": "Jo Fotograf"}, XMP: map[string]string{"dc:description": "A long day"}, XMPPadding: 60000}, "",
			map[string]string{"credit": "Jo Fotograf IPTC", "caption": "A long day XMP"}},
		"EXIF alone": {phototest.Photo{EXIF: map[string]string{"Artist": "Cam Era", "Copyright": "Cam Era 2026", "ImageDescription": "A  substation\n at noon"}}, "",
			map[string]string{"credit": "Cam Era EXIF", "license": "Cam Era 2026 EXIF", "caption": "A substation at noon EXIF"}},
		"a sidecar only": {phototest.Photo{}, "title: Plain\n", map[string]string{"title": "Plain sidecar"}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			tc.photo.Width, tc.photo.Height = 8, 6
			a := loadPhoto(t, tc.photo, tc.sidecar)
			got := map[string]string{}
			for key, v := range map[string]string{"title": a.Meta.Title, "alt": a.Meta.Alt, "caption": a.Meta.Caption, "credit": a.Meta.Credit, "license": a.Meta.License} {
				if v != "" || a.Meta.From[key] != "" {
					got[key] = strings.TrimSpace(v + " " + a.Meta.From[key])
				}
			}
			for key, w := range tc.want {
				if got[key] != w {
					t.Errorf("%s: got %q, want %q", key, got[key], w)
				}
			}
			for key, g := range got {
				if _, ok := tc.want[key]; !ok {
					t.Errorf("%s: got %q, want none", key, g)
				}
			}
		})
	}
}

// TestOrientationIsRead: the EXIF orientation of a photo is its asset's.
func TestOrientationIsRead(t *testing.T) {
	for o := 0; o <= 8; o++ {
		a := loadPhoto(t, phototest.Photo{Width: 8, Height: 6, Orientation: o}, "")
		if a.Meta.Orientation != o {
			t.Errorf("orientation %d read as %d", o, a.Meta.Orientation)
		}
	}
}
