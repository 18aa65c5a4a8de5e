package generator_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pressroom/pressroom/generator/site"
)

// eventsSite has a past event, one across the end of summer time in
// Berlin (25 October 2026, 02:00 CET), an all-day trade fair and a
// conference later on.
const eventsSite = minimalConfig + `
-- content/press/2026-10-01-release.md --
---
title: A release
coverage: [daily-storage]
---
Text.
-- content/events/2026-09-01-summer-visit.md --
---
title: Summer site visit
start: 2026-09-10T10:00:00
end: 2026-09-10T12:00:00
venue: The plant
address: Hafenstraße 1, 17509 Lubmin
tags: [storage]
---
Come and see.
-- content/events/2026-10-01-night-shift.md --
---
title: Night shift at the control room
start: 2026-10-25T01:30:00
end: 2026-10-25T03:30:00
venue: Control room
online: https://stream.test.example/night
registration: press@test.example
contacts: [press]
---
Through the change of the clocks.
-- content/events/2026-10-02-trade-fair.md --
---
title: Trade fair
start: 2026-10-24
end: 2026-10-26
venue: Messe Essen
---
Three days, the middle one 25 hours long.
-- content/events/2026-10-03-results.md --
---
title: Results conference
start: 2026-11-30T10:00:00
end: 2026-11-30T11:30:00
venue: Head office
---
Numbers.
-- content/coverage/2026-10-02-daily-storage.md --
---
title: "Storage, daily"
outlet: The Daily Battery
url: https://daily.test.example/storage
date: 2026-10-02
quote: A quote.
---
-- content/coverage/2026-10-05-weekly-wind.md --
---
title: Wind weekly
outlet: Wind Weekly
url: https://weekly.test.example/wind
date: 2026-10-05
---
`

var mainPart = regexp.MustCompile(`(?s)<main[^>]*>.*</main>`)

// TestEventsPageBeforeAndAfterAStart checks /events/ as of moments around
// the night shift's start and end against golden pages: upcoming events
// come first, soonest first; one under way says so; those over follow,
// the latest first.
func TestEventsPageBeforeAndAfterAStart(t *testing.T) {
	root := writeSite(t, eventsSite)
	berlin, _ := time.LoadLocation("Europe/Berlin")
	for _, c := range []struct {
		name string
		at   time.Time
	}{
		{"before", time.Date(2026, 10, 25, 1, 29, 59, 0, berlin)},
		{"under-way", time.Date(2026, 10, 25, 1, 30, 0, 0, berlin)},
		{"after", time.Date(2026, 10, 25, 2, 30, 0, 0, time.UTC)}, // 03:30 CET: its end
	} {
		t.Run(c.name, func(t *testing.T) {
			_, mem, err := buildMemory(t, root, c.at, false)
			if err != nil {
				t.Fatal(err)
			}
			page, _ := mem.File("events/index.html")
			got := mainPart.Find(page)
			golden := filepath.Join("testdata", "events.golden", c.name+".html")
			if *update {
				os.MkdirAll(filepath.Dir(golden), 0o755)
				os.WriteFile(golden, got, 0o644)
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("/events/ as of %s differs from %s:\n%s", c.at, golden, got)
			}
		})
	}
}

// TestEventMomentsAreNext checks that a serve or publish rebuilds when an
// event starts and when it ends: those moments are what Next reports.
func TestEventMomentsAreNext(t *testing.T) {
	root := writeSite(t, eventsSite)
	berlin, _ := time.LoadLocation("Europe/Berlin")
	at := time.Date(2026, 10, 25, 0, 0, 0, 0, berlin)
	rep, _, err := buildMemory(t, root, at, false)
	if err != nil {
		t.Fatal(err)
	}
	next, lifting := rep.Site.Next()
	if want := time.Date(2026, 10, 24, 23, 30, 0, 0, time.UTC); !next.Equal(want) || len(lifting) != 1 || lifting[0].Reason != site.EventStarts {
		t.Fatalf("Next = %v %v, want the night shift's start %v", next, lifting, want)
	}
	rep, _, err = buildMemory(t, root, next, false)
	if err != nil {
		t.Fatal(err)
	}
	next, lifting = rep.Site.Next()
	// 03:30 CET, two hours of the clock but three real hours later.
	if want := time.Date(2026, 10, 25, 2, 30, 0, 0, time.UTC); !next.Equal(want) || lifting[0].Reason != site.EventEnds {
		t.Fatalf("Next = %v %v, want its end %v", next, lifting, want)
	}
}

// TestEventPage checks what an event's page shows: when in the site's
// zone, the calendar link, venue with a map, stream, registration.
func TestEventPage(t *testing.T) {
	root := writeSite(t, eventsSite)
	_, mem, err := buildMemory(t, root, time.Date(2026, 10, 10, 12, 0, 0, 0, time.UTC), false)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := mem.File("events/night-shift/index.html")
	for _, want := range []string{
		`datetime="2026-10-25T01:30:00&#43;02:00"`,
		"25 October 2026, 01:30 CEST – 03:30 CET",
		`href="/events/night-shift/event.ics"`, "Add to calendar",
		`href="https://stream.test.example/night"`,
		`href="mailto:press@test.example"`,
		"Pat Press",
	} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("the event's page lacks %s", want)
		}
	}
	fair, _ := mem.File("events/trade-fair/index.html")
	if !bytes.Contains(fair, []byte("24–26 October 2026")) || !bytes.Contains(fair, []byte(`datetime="2026-10-24"`)) {
		t.Error("the all-day fair's page does not give its days as days")
	}
	visit, _ := mem.File("events/summer-visit/index.html")
	if !bytes.Contains(visit, []byte(`https://www.openstreetmap.org/search?query=Hafenstra%C3%9Fe&#43;1%2C&#43;17509&#43;Lubmin`)) {
		t.Errorf("the venue has no map link:\n%s", mainPart.Find(visit))
	}
	home, _ := mem.File("index.html")
	if i, j := bytes.Index(home, []byte("Trade fair")), bytes.Index(home, []byte("Night shift")); i < 0 || j < 0 || j < i {
		t.Error("the home page does not show the next two events, soonest first")
	}
	if bytes.Contains(home, []byte("Results conference")) {
		t.Error("the home page shows more than the next two events")
	}
	for _, name := range []string{"events.ics", "events/night-shift/event.ics", "events/feed.xml", "tags/storage/index.html"} {
		if _, ok := mem.File(name); !ok {
			t.Errorf("%s is missing", name)
		}
	}
	feed, _ := mem.File("feed.xml")
	if !bytes.Contains(feed, []byte("Summer site visit")) || !bytes.Contains(feed, []byte("Tue, 01 Sep 2026")) {
		t.Error("the site's feed does not carry the event as an item dated by its publication date")
	}
	sitemap, _ := mem.File("sitemap.xml")
	for _, want := range []string{"https://news.test.example/events/", "https://news.test.example/events/trade-fair/", "https://news.test.example/coverage/"} {
		if !bytes.Contains(sitemap, []byte("<loc>"+want+"</loc>")) {
			t.Errorf("the sitemap lacks %s", want)
		}
	}
	header, _ := mem.File("press/index.html")
	if !bytes.Contains(header, []byte(`href="/events/"`)) || !bytes.Contains(header, []byte(`href="/coverage/"`)) {
		t.Error("the navigation lacks Events or In the news")
	}
}

// TestNoEventsNoCalendar checks that a newsroom without events writes no
// events page, calendar or feed, and no link to them.
func TestNoEventsNoCalendar(t *testing.T) {
	root := writeSite(t, minimalConfig+"-- content/press/2026-10-01-a.md --\n---\ntitle: A\n---\nA.\n")
	rep, mem, err := buildMemory(t, root, testAt, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range rep.Files {
		if strings.HasPrefix(name, "events") || strings.HasPrefix(name, "coverage") {
			t.Errorf("%s written for a newsroom without events or coverage", name)
		}
		if data, _ := mem.File(name); bytes.Contains(data, []byte("/events/")) || bytes.Contains(data, []byte("events.ics")) {
			t.Errorf("%s links events", name)
		}
	}
}

// TestEmbargoedEventNeverLeaks is rule 1 for events: an embargoed event
// and a draft one are in no byte of any output, calendars included.
func TestEmbargoedEventNeverLeaks(t *testing.T) {
	root := writeSite(t, eventsSite+`
-- content/events/2026-10-04-zzevslug.md --
---
title: Secret launch ZZEVTITLE
embargo: 2026-12-01T09:00:00
start: 2026-12-10T10:00:00
venue: ZZEVVENUE
address: ZZEVADDRESS
online: https://zzevonline.test.example/
tags: [zzevtag]
assets: [photos/zzevphoto.jpg]
---
ZZEVBODY
-- content/assets/photos/zzevphoto.jpg --
ZZEVPHOTOBYTES
-- content/events/2026-10-05-zzevdraft.md --
---
title: Draft ZZEVDRAFTTITLE
draft: true
start: 2026-12-11
---
ZZEVDRAFTBODY
-- content/coverage/2026-10-06-zzcovdraft.md --
---
title: ZZCOVTITLE
outlet: ZZCOVOUTLET
url: https://zzcov.test.example/
date: 2026-10-06
draft: true
---
`)
	realImages(t, root)
	markers := []string{"zzevslug", "ZZEVTITLE", "ZZEVVENUE", "ZZEVADDRESS", "zzevonline", "zzevtag", "zzevphoto", "ZZEVPHOTOBYTES", "ZZEVBODY",
		"zzevdraft", "ZZEVDRAFTTITLE", "ZZEVDRAFTBODY", "zzcovdraft", "ZZCOVTITLE", "ZZCOVOUTLET", "zzcov.test"}
	held := time.Date(2026, 12, 1, 7, 59, 59, 0, time.UTC)
	rep, mem, err := buildMemory(t, root, held, false)
	if err != nil {
		t.Fatal(err)
	}
	if found := leaks(t, mem, rep.Files, markers); len(found) > 0 {
		t.Errorf("held events leaked:\n%s", strings.Join(found, "\n"))
	}
	if _, ok := mem.File("events.ics"); !ok {
		t.Fatal("events.ics is missing")
	}
	// Its moments are not the site's to announce either, until it lifts.
	if next, _ := rep.Site.Next(); !next.Equal(time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)) {
		t.Errorf("Next = %v, want the embargo's lift", next)
	}
	rep, mem, err = buildMemory(t, root, held.Add(time.Second), false)
	if err != nil {
		t.Fatal(err)
	}
	cal, _ := mem.File("events.ics")
	if !bytes.Contains(cal, []byte("ZZEVTITLE")) {
		t.Error("the lifted event is not in events.ics")
	}
	if found := leaks(t, mem, rep.Files, markers[9:]); len(found) > 0 {
		t.Errorf("drafts leaked once the embargo lifted:\n%s", strings.Join(found, "\n"))
	}
}

// TestEventErrors checks that a broken event is an error at its line.
func TestEventErrors(t *testing.T) {
	root := writeSite(t, minimalConfig+`
-- content/events/no-start.md --
---
title: No start
venue: Somewhere
---
-- content/events/backwards.md --
---
title: Backwards
start: 2026-12-02T10:00:00
end: 2026-12-01T10:00:00
---
-- content/events/mixed.md --
---
title: Mixed
start: 2026-12-02
end: 2026-12-02T18:00:00
---
-- content/events/bad-stream.md --
---
title: Bad stream
start: 2026-12-02T10:00:00
online: stream.example
registration: call us
---
-- content/coverage/no-url.md --
---
title: No url
outlet: Paper
date: 2026-10-01
---
-- content/press/2026-10-01-cites.md --
---
title: Cites
coverage: [nonesuch]
---
`)
	_, _, err := buildMemory(t, root, testAt, false)
	got := strings.Join(problemsOf(t, err), "\n")
	for _, want := range []string{
		"content/events/no-start.md:1: missing start",
		"content/events/backwards.md:4: end: the end (2026-12-01T10:00:00) is before the start (2026-12-02T10:00:00, line 3)",
		"content/events/mixed.md:4: end: the start is a day",
		"content/events/bad-stream.md:4: online: \"stream.example\" is not a web address",
		"content/events/bad-stream.md:5: registration:",
		"content/coverage/no-url.md:1: missing url",
		"content/press/2026-10-01-cites.md:3: unknown coverage \"nonesuch\"",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("no problem %q in:\n%s", want, got)
		}
	}
}

// TestCoveragePage checks /coverage/: newest first, each linking the
// article with rel="noopener", paginated, no page per item; and the
// release that cites a mention shows it.
func TestCoveragePage(t *testing.T) {
	var more strings.Builder
	for i := 10; i < 30; i++ { // 22 mentions in all: two pages
		more.WriteString("-- content/coverage/2026-09-" + itoa2(i) + "-m.md --\n---\ntitle: Mention " + itoa2(i) + "\noutlet: Paper\nurl: https://paper.test.example/" + itoa2(i) + "\ndate: 2026-09-" + itoa2(i) + "\nslug: m" + itoa2(i) + "\n---\n")
	}
	root := writeSite(t, eventsSite+more.String())
	rep, mem, err := buildMemory(t, root, testAt, false)
	if err != nil {
		t.Fatal(err)
	}
	first, _ := mem.File("coverage/index.html")
	if i, j := bytes.Index(first, []byte("Wind weekly")), bytes.Index(first, []byte("Storage, daily")); i < 0 || j < 0 || i > j {
		t.Error("/coverage/ is not newest first")
	}
	if !bytes.Contains(first, []byte(`<a href="https://weekly.test.example/wind" rel="noopener">Wind weekly</a>`)) {
		t.Errorf("a mention does not link its article with rel=noopener:\n%s", mainPart.Find(first))
	}
	second, ok := mem.File("coverage/page/2/index.html")
	if !ok || !bytes.Contains(second, []byte("Mention 10")) {
		t.Error("/coverage/page/2/ is missing or lacks the oldest mention")
	}
	for _, name := range rep.Files {
		if strings.HasPrefix(name, "coverage/") && !strings.HasPrefix(name, "coverage/index.html") && !strings.HasPrefix(name, "coverage/page/") {
			t.Errorf("a page for a mention: %s", name)
		}
	}
	release, _ := mem.File("press/release/index.html")
	if !bytes.Contains(release, []byte(`<a href="https://daily.test.example/storage" rel="noopener">Storage, daily</a> — The Daily Battery`)) {
		t.Error("the release does not show the coverage it cites")
	}
}

func itoa2(i int) string { return string(rune('0'+i/10)) + string(rune('0'+i%10)) }
