package calendar_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/pressroom/pressroom/generator"
	"github.com/pressroom/pressroom/generator/output"
)

// files is a small newsroom in Berlin: an event across the end of summer
// time (25 October 2026, 03:00 CEST is 02:00 CET), an all-day fair
// spanning that day, and one without an end.
var files = map[string]string{
	"config.toml": `title = "Test Newsroom"
baseURL = "https://news.test.example/"
timezone = "Europe/Berlin"
[organization]
name = "Test Org"
[[contacts]]
id = "press"
name = "Pat Press, Jr."
email = "press@test.example"
`,
	"content/events/2026-10-01-night-shift.md": `---
title: "Night shift; at the control room, with commas"
start: 2026-10-25T01:30:00
end: 2026-10-25T03:30:00
venue: Control room
address: Hafenstraße 1, 17509 Lubmin
online: https://stream.test.example/night
contacts: [press]
lastmod: 2026-10-03T12:00:00
tags: [storage, grid]
---
Through the change of the clocks: *three* hours, not two.

- first item
- second item with a very long line that the calendar must fold at seventy-five octets, Straße ß ü
`,
	"content/events/2026-10-02-trade-fair.md": `---
title: Trade fair
start: 2026-10-24
end: 2026-10-26
venue: Messe Essen
---
Three days.
`,
	"content/events/2026-10-03-one-day.md": `---
title: Open day
start: 2026-10-25
---
`,
	"content/events/2026-10-04-brief.md": `---
title: Brief call
start: 2026-11-02T09:00:00Z
online: https://call.test.example/
---
`,
}

func build(t *testing.T, at time.Time) map[string][]byte {
	t.Helper()
	root := t.TempDir()
	for name, body := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	mem := output.NewMemory()
	rep, err := generator.Build(context.Background(), generator.Options{Source: root, At: at, Out: mem})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, n := range rep.Files {
		if strings.HasSuffix(n, ".ics") {
			out[n], _ = mem.File(n)
		}
	}
	return out
}

var at = time.Date(2026, 10, 10, 12, 0, 0, 0, time.UTC)

// parsed is what python3-icalendar reads of one VEVENT.
type parsed struct {
	UID, Summary, Location, Description, URL string
	Start, End, Stamp                        string // isoformat
	StartKind, EndKind                       string // "date" or "datetime"
	Categories                               []string
}

func python(t *testing.T) string {
	t.Helper()
	for _, p := range []string{"/usr/bin/python3", "python3"} {
		if path, err := exec.LookPath(p); err == nil && exec.Command(path, "-c", "import icalendar").Run() == nil {
			return path
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("python3-icalendar is needed: apt-get install -y python3-icalendar")
	}
	t.Skip("python3-icalendar is not installed")
	return ""
}

const script = `import sys, json, datetime, icalendar
out = {}
for p in sys.argv[1:]:
    raw = open(p, 'rb').read()
    if b'\n' in raw.replace(b'\r\n', b''):
        print(p, "has a line not ended by CRLF"); sys.exit(1)
    if any(len(l) > 75 for l in raw.split(b'\r\n')):
        print(p, "has a line over 75 octets"); sys.exit(1)
    cal = icalendar.Calendar.from_ical(raw)
    if cal.get('VERSION') != '2.0' or not cal.get('PRODID'):
        print(p, "lacks VERSION or PRODID"); sys.exit(1)
    evs = []
    for ev in cal.walk('VEVENT'):
        def moment(key):
            v = ev.get(key)
            if v is None:
                return "", ""
            d = v.dt
            if isinstance(d, datetime.datetime):
                if d.utcoffset() is None:
                    print(p, key, "is a floating time"); sys.exit(1)
                return d.astimezone(datetime.timezone.utc).isoformat(), "datetime"
            return d.isoformat(), "date"
        s, sk = moment('DTSTART'); e, ek = moment('DTEND'); st, _ = moment('DTSTAMP')
        cats = []
        for c in (ev.get('CATEGORIES') if isinstance(ev.get('CATEGORIES'), list) else [ev.get('CATEGORIES')] if ev.get('CATEGORIES') is not None else []):
            cats += [str(x) for x in c.cats]
        evs.append(dict(UID=str(ev['UID']), Summary=str(ev['SUMMARY']), Location=str(ev.get('LOCATION', '')),
            Description=str(ev.get('DESCRIPTION', '')), URL=str(ev.get('URL', '')), Start=s, End=e, Stamp=st,
            StartKind=sk, EndKind=ek, Categories=cats))
    out[p] = evs
print(json.dumps(out))
`

// TestPythonICalendarReadsEveryCalendar reads every .ics with Debian's
// python3-icalendar, an independent reader, and checks each event's times
// against its front matter: across a change of summer time, all-day
// events as dates (the end the day after the last), the rest in UTC.
func TestPythonICalendarReadsEveryCalendar(t *testing.T) {
	py := python(t)
	cals := build(t, at)
	dir := t.TempDir()
	var paths []string
	byPath := map[string]string{}
	for name, data := range cals {
		p := filepath.Join(dir, strings.ReplaceAll(name, "/", "_"))
		os.WriteFile(p, data, 0o644)
		paths = append(paths, p)
		byPath[p] = name
	}
	if len(paths) != 5 {
		t.Fatalf("calendars written: %v, want events.ics and one per event", len(paths))
	}
	out, err := exec.Command(py, append([]string{"-c", script}, paths...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("python3-icalendar: %v\n%s", err, out)
	}
	var got map[string][]parsed
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	want := map[string]parsed{
		"night-shift@news.test.example": {Start: "2026-10-24T23:30:00+00:00", End: "2026-10-25T02:30:00+00:00", StartKind: "datetime", EndKind: "datetime",
			Stamp: "2026-10-03T10:00:00+00:00", Summary: "Night shift; at the control room, with commas",
			Location: "Control room, Hafenstraße 1, 17509 Lubmin", URL: "https://news.test.example/events/night-shift/", Categories: []string{"storage", "grid"}},
		"trade-fair@news.test.example": {Start: "2026-10-24", End: "2026-10-27", StartKind: "date", EndKind: "date", Stamp: "2026-10-01T22:00:00+00:00"},
		"one-day@news.test.example":    {Start: "2026-10-25", End: "2026-10-26", StartKind: "date", EndKind: "date"},
		"brief@news.test.example":      {Start: "2026-11-02T09:00:00+00:00", StartKind: "datetime", Location: "Online: https://call.test.example/"},
	}
	seen := map[string]int{}
	for p, evs := range got {
		name := byPath[p]
		if name != "events.ics" && len(evs) != 1 {
			t.Errorf("%s holds %d events, want its own", name, len(evs))
		}
		for _, ev := range evs {
			seen[ev.UID]++
			w, ok := want[ev.UID]
			if !ok {
				t.Errorf("%s: unexpected UID %q", name, ev.UID)
				continue
			}
			if ev.Start != w.Start || ev.StartKind != w.StartKind || ev.End != w.End || ev.EndKind != w.EndKind {
				t.Errorf("%s: %s runs %s (%s) to %s (%s), want %s (%s) to %s (%s)", name, ev.UID, ev.Start, ev.StartKind, ev.End, ev.EndKind, w.Start, w.StartKind, w.End, w.EndKind)
			}
			if w.Stamp != "" && ev.Stamp != w.Stamp {
				t.Errorf("%s: %s DTSTAMP %s, want %s (its lastmod, else its date)", name, ev.UID, ev.Stamp, w.Stamp)
			}
			if w.Summary != "" && ev.Summary != w.Summary {
				t.Errorf("%s: SUMMARY %q, want %q", name, ev.Summary, w.Summary)
			}
			if w.Location != "" && ev.Location != w.Location {
				t.Errorf("%s: LOCATION %q, want %q", name, ev.Location, w.Location)
			}
			if w.URL != "" && ev.URL != w.URL {
				t.Errorf("%s: URL %q, want %q", name, ev.URL, w.URL)
			}
			if w.Categories != nil && strings.Join(ev.Categories, ",") != strings.Join(w.Categories, ",") {
				t.Errorf("%s: CATEGORIES %q, want %q", name, ev.Categories, w.Categories)
			}
			if ev.UID == "night-shift@news.test.example" {
				for _, part := range []string{"three hours, not two", "- first item\n- second item with a very long line that the calendar must fold at seventy-five octets, Straße ß ü", "Online: https://stream.test.example/night"} {
					if !strings.Contains(ev.Description, part) {
						t.Errorf("%s: DESCRIPTION lacks %q:\n%s", name, part, ev.Description)
					}
				}
				if strings.ContainsAny(ev.Description, "<>*") {
					t.Errorf("%s: DESCRIPTION is not plain text:\n%s", name, ev.Description)
				}
			}
		}
	}
	for uid := range want {
		if seen[uid] != 2 {
			t.Errorf("%s is in %d calendars, want its own and events.ics", uid, seen[uid])
		}
	}
}

// TestGolangICalReadsEveryCalendar reads every .ics back with the library
// that wrote it, which must find the same moments.
func TestGolangICalReadsEveryCalendar(t *testing.T) {
	for name, data := range build(t, at) {
		cal, err := ics.ParseCalendar(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, ev := range cal.Events() {
			if ev.Id() == "night-shift@news.test.example" {
				start, _ := ev.GetStartAt()
				end, _ := ev.GetEndAt()
				if end.Sub(start) != 3*time.Hour {
					t.Errorf("%s: the night shift lasts %v, want 3h (01:30 CEST to 03:30 CET)", name, end.Sub(start))
				}
			}
		}
	}
}

// TestCalendarsAreReproducible builds twice at different moments before
// any event: the calendars must be byte-identical (no clock in DTSTAMP).
func TestCalendarsAreReproducible(t *testing.T) {
	a, b := build(t, at), build(t, at.Add(48*time.Hour))
	for name, data := range a {
		if !bytes.Equal(data, b[name]) {
			t.Errorf("%s differs between two builds", name)
		}
	}
}

// TestSiteCalendarKeepsRecentEvents checks that events.ics still holds
// events once they are over (the latest [feeds] limit of them).
func TestSiteCalendarKeepsRecentEvents(t *testing.T) {
	after := build(t, time.Date(2026, 11, 3, 0, 0, 0, 0, time.UTC))["events.ics"]
	if n := bytes.Count(after, []byte("BEGIN:VEVENT")); n != 4 {
		t.Errorf("events.ics after every event holds %d events, want the 4 recent ones", n)
	}
}
