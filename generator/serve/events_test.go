package serve_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pressroom/pressroom/generator/serve"
)

// TestLiveEventsAndCoverage adds and edits an event and a coverage entry
// in a running serve: each edit is served, and calendars as text/calendar.
func TestLiveEventsAndCoverage(t *testing.T) {
	root := copySite(t, small)
	h := start(t, root)
	const event = "content/events/2026-01-10-launch.md"
	const coverage = "content/coverage/2026-01-12-paper.md"

	t.Run("new event", func(t *testing.T) {
		h := h.on(t)
		body := h.change("/", event, func() {
			writeFile(t, root, event, "---\ntitle: Launch event\nstart: 2099-05-04T10:00:00\nend: 2099-05-04T12:00:00\nvenue: Hall 1\n---\nCome.\n")
		})
		if !strings.Contains(body, "Launch event") {
			t.Error("the home page does not show the upcoming event")
		}
		if got := heading(h.page("/events/launch/")); got != "Launch event" {
			t.Errorf("the event's page has heading %q", got)
		}
		code, cal, hdr := h.get("/events/launch/event.ics")
		if code != http.StatusOK || !strings.HasPrefix(hdr.Get("Content-Type"), "text/calendar") || !strings.Contains(cal, "SUMMARY:Launch event") {
			t.Errorf("event.ics: status %d, Content-Type %q:\n%s", code, hdr.Get("Content-Type"), cal)
		}
		if code, _, hdr := h.get("/events.ics"); code != http.StatusOK || !strings.HasPrefix(hdr.Get("Content-Type"), "text/calendar") {
			t.Errorf("events.ics: status %d, Content-Type %q", code, hdr.Get("Content-Type"))
		}
	})

	t.Run("edited event", func(t *testing.T) {
		h := h.on(t)
		body := h.change("/events/launch/", event, func() {
			writeFile(t, root, event, "---\ntitle: Launch event\nstart: 2099-05-04T10:00:00\nend: 2099-05-04T12:00:00\nvenue: Hall 7\n---\nCome.\n")
		})
		if !strings.Contains(body, "Hall 7") {
			t.Error("the event's page does not show the new venue")
		}
		if _, cal, _ := h.get("/events/launch/event.ics"); !strings.Contains(cal, "LOCATION:Hall 7") {
			t.Errorf("event.ics does not have the new venue:\n%s", cal)
		}
	})

	t.Run("new coverage", func(t *testing.T) {
		h := h.on(t)
		h.change("/", coverage, func() {
			writeFile(t, root, coverage, "---\ntitle: Acme in the paper\noutlet: The Paper\nurl: https://paper.test.example/acme\ndate: 2026-01-12\n---\n")
		})
		if body := h.page("/coverage/"); !strings.Contains(body, "Acme in the paper") {
			t.Error("/coverage/ does not list the new entry")
		}
	})

	t.Run("edited coverage", func(t *testing.T) {
		h := h.on(t)
		body := h.change("/coverage/", coverage, func() {
			writeFile(t, root, coverage, "---\ntitle: Acme on the front page\noutlet: The Paper\nurl: https://paper.test.example/acme\ndate: 2026-01-12\n---\n")
		})
		if !strings.Contains(body, "Acme on the front page") || strings.Contains(body, "Acme in the paper") {
			t.Error("/coverage/ does not show the new title")
		}
	})
}

// TestEventBecomesPastByItself: serve rebuilds at an event's end, with no
// edit, and /events/ then lists it as past.
func TestEventBecomesPastByItself(t *testing.T) {
	base := time.Date(2030, 1, 1, 9, 0, 0, 0, time.UTC)
	began := time.Now()
	clock := func() time.Time { return base.Add(time.Since(began)) }
	end := base.Add(2 * time.Second)
	root := copySite(t, small)
	writeFile(t, root, "content/events/2029-12-01-call.md", "---\ntitle: Short call\nstart: 2030-01-01T08:00:00Z\nend: "+end.Format(time.RFC3339)+"\n---\nNow.\n")
	h := start(t, root, func(c *serve.Config) { c.Now = clock })
	if body := h.page("/events/"); !strings.Contains(body, "Happening now") || strings.Contains(body, "Past events") {
		t.Fatal("the call is not shown as under way before its end")
	}
	ev := h.listen("/events/")
	r := h.nextOK()
	if r.At.Before(end) {
		t.Errorf("the timer's build was made as of %v, before the end %v", r.At, end)
	}
	ev.wait("reload")
	if body := h.page("/events/"); !strings.Contains(body, "Past events") || strings.Contains(body, "Happening now") {
		t.Error("after its end the call is not listed as past")
	}
}
