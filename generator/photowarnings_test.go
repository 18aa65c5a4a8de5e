package generator_test

import (
	"fmt"
	"strings"
	"testing"
)

// TestPhotosWithoutSidecarsAreWarnedAbout: each published photo without a
// sidecar is named in the build's warnings, with what to add; a photo
// with one, an SVG logo, and a held photo are not. Past ten, one line
// counts the rest.
func TestPhotosWithoutSidecarsAreWarnedAbout(t *testing.T) {
	site := minimalConfig + `
-- content/assets/photos/bare.jpg --
BARE
-- content/assets/photos/described.jpg --
DESCRIBED
-- content/assets/photos/described.jpg.yaml --
alt: A described photo
credit: Someone
license: CC BY 4.0
-- content/assets/photos/held.jpg --
HELD
-- content/assets/logos/mark.svg --
<svg xmlns="http://www.w3.org/2000/svg"/>
-- content/press/2026-11-01-launch/index.md --
---
title: Launch
---
![The launch](photo.png)
-- content/press/2026-11-01-launch/photo.png --
BUNDLE
-- content/press/2027-01-01-later.md --
---
title: Later
embargo: 2027-01-01T09:00:00
assets: [photos/held.jpg]
---
Later.
`
	root := writeSite(t, site)
	realImages(t, root)
	rep, _, err := buildMemory(t, root, testAt, false)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range rep.Warnings {
		got = append(got, w.Error())
	}
	want := []string{
		"content/assets/photos/bare.jpg: no sidecar, so it is published with an empty alt text and no credit or licence: add bare.jpg.yaml with alt, credit and license",
		"content/press/2026-11-01-launch/photo.png: no sidecar, so it is published with an empty alt text and no credit or licence: add photo.png.yaml with alt, credit and license",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	var many strings.Builder
	many.WriteString(minimalConfig)
	for i := range 12 {
		fmt.Fprintf(&many, "-- content/assets/photos/p%02d.jpg --\nP%d\n", i, i)
	}
	root = writeSite(t, many.String())
	realImages(t, root)
	rep, _, err = buildMemory(t, root, testAt, false)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(rep.Warnings); n != 11 || rep.Warnings[10].Error() != "content/: and 2 more photos without a sidecar (an empty alt text, no credit or licence)" {
		t.Errorf("%d warnings, the last %v", n, rep.Warnings[n-1])
	}
}
