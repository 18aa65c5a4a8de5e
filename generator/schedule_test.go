package generator_test

import (
	"strings"
	"testing"
	"time"

	"github.com/pressroom/pressroom/generator/site"
)

// scheduledSite has a release dated in the future without an embargo, a
// photo only it uses, and a post whose file name alone dates it in the
// future: scheduled publishing, which rule 1 holds like an embargo.
const scheduledSite = minimalConfig + `
-- content/press/2026-11-01-public.md --
---
title: Public release
tags: [storage]
---
Everyone may read this.
-- content/press/zzschedslug.md --
---
title: Spring results ZZSCHEDTITLE
date: 2027-03-01T09:00:00
tags: [zzschedtag, storage]
assets: [photos/zzschedphoto.jpg]
---
The body ZZSCHEDBODY.
-- content/assets/photos/zzschedphoto.jpg --
ZZSCHEDPHOTO
-- content/blog/2027-02-01-zzschedpost.md --
---
title: A post ZZPOSTTITLE
---
ZZPOSTBODY
`

var (
	releaseMarkers = []string{"zzschedslug", "ZZSCHEDTITLE", "zzschedtag", "ZZSCHEDBODY", "zzschedphoto"}
	postMarkers    = []string{"zzschedpost", "ZZPOSTTITLE", "ZZPOSTBODY"}
	postMoment     = time.Date(2027, 1, 31, 23, 0, 0, 0, time.UTC) // 1 February 2027, midnight in Berlin
	releaseMoment  = time.Date(2027, 3, 1, 8, 0, 0, 0, time.UTC)   // 09:00 in Berlin
)

// TestScheduledDateHoldsUntilItsMoment: an item dated later than the build
// appears nowhere, with the files only it uses, and the site names its
// moment as the next one; at and after it, it is published.
func TestScheduledDateHoldsUntilItsMoment(t *testing.T) {
	root := writeSite(t, scheduledSite)
	realImages(t, root)

	rep, mem, err := buildMemory(t, root, testAt, false)
	if err != nil {
		t.Fatal(err)
	}
	if found := leaks(t, mem, rep.Files, append(releaseMarkers, postMarkers...)); len(found) > 0 {
		t.Errorf("scheduled content leaked:\n%s", strings.Join(found, "\n"))
	}
	at, lifting := rep.Site.Next()
	if !at.Equal(postMoment) || len(lifting) != 1 || lifting[0].Source != "content/blog/2027-02-01-zzschedpost.md" || lifting[0].Reason != site.HeldScheduled {
		t.Errorf("next = %v %+v, want the post at %v", at, lifting, postMoment)
	}
	if !rep.Site.NextLift.Equal(at) {
		t.Errorf("NextLift %v is not Next's %v", rep.Site.NextLift, at)
	}

	rep, mem, err = buildMemory(t, root, postMoment, false)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := mem.File("blog/zzschedpost/index.html"); !ok {
		t.Error("the post is not published at its date")
	}
	if found := leaks(t, mem, rep.Files, releaseMarkers); len(found) > 0 {
		t.Errorf("the scheduled release leaked with the post:\n%s", strings.Join(found, "\n"))
	}
	at, lifting = rep.Site.Next()
	var sources []string
	for _, h := range lifting {
		sources = append(sources, h.Source+" "+h.Reason)
	}
	if want := "content/assets/photos/zzschedphoto.jpg held items,content/press/zzschedslug.md scheduled"; !at.Equal(releaseMoment) || strings.Join(sources, ",") != want {
		t.Errorf("next = %v %q, want %v %q", at, sources, releaseMoment, want)
	}

	for _, moment := range []time.Time{releaseMoment, releaseMoment.Add(24 * time.Hour)} {
		rep, mem, err = buildMemory(t, root, moment, false)
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range []string{"press/zzschedslug/index.html", "assets/photos/zzschedphoto.jpg", "tags/zzschedtag/index.html", "blog/zzschedpost/index.html"} {
			if _, ok := mem.File(name); !ok {
				t.Errorf("at %v, %s is missing", moment, name)
			}
		}
		if at, _ := rep.Site.Next(); !at.IsZero() || len(rep.Site.Held) != 0 {
			t.Errorf("at %v, still held: %+v (next %v)", moment, rep.Site.Held, at)
		}
	}
}

// TestLaterOfEmbargoAndDate: an item with both is held until the later;
// a draft is held as a draft, which no moment lifts.
func TestLaterOfEmbargoAndDate(t *testing.T) {
	root := writeSite(t, minimalConfig+`
-- content/press/embargo-later.md --
---
title: A
date: 2027-01-01
embargo: 2027-02-01T09:00:00
---
-- content/press/date-later.md --
---
title: B
date: 2027-03-01T10:00:00
embargo: 2027-02-01T09:00:00
---
-- content/press/draft.md --
---
title: C
date: 2027-01-01
draft: true
---
`)
	rep, _, err := buildMemory(t, root, testAt, false)
	if err != nil {
		t.Fatal(err)
	}
	berlin, _ := time.LoadLocation("Europe/Berlin")
	want := map[string]string{
		"content/press/embargo-later.md": "embargo " + time.Date(2027, 2, 1, 9, 0, 0, 0, berlin).UTC().String(),
		"content/press/date-later.md":    "scheduled " + time.Date(2027, 3, 1, 10, 0, 0, 0, berlin).UTC().String(),
		"content/press/draft.md":         "draft " + time.Time{}.UTC().String(),
	}
	for _, h := range rep.Site.Held {
		if got := h.Reason + " " + h.Until.UTC().String(); got != want[h.Source] {
			t.Errorf("%s held as %q, want %q", h.Source, got, want[h.Source])
		}
		delete(want, h.Source)
	}
	if len(want) > 0 {
		t.Errorf("not held: %v", want)
	}
	// At the embargo, the item dated later is still held by its date.
	_, mem, err := buildMemory(t, root, time.Date(2027, 2, 1, 8, 0, 0, 0, time.UTC), false)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := mem.File("press/embargo-later/index.html"); !ok {
		t.Error("the embargoed item is not published at its embargo")
	}
	if _, ok := mem.File("press/date-later/index.html"); ok {
		t.Error("an item dated after its embargo is published at the embargo")
	}
}
