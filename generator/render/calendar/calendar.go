// Package calendar writes the newsroom's events as iCalendar (RFC 5545):
// /events/SLUG/event.ics for each published event, and /events.ics, a
// calendar journalists subscribe to, holding every upcoming event and the
// most recent past ones ([feeds] limit of them).
//
// Nothing in a calendar comes from the clock: an event's UID is its slug at
// the site's host and never changes, its DTSTAMP and LAST-MODIFIED are its
// lastmod or date; times are written in UTC, and all-day events as dates
// (VALUE=DATE, the end the day after the last), so that no VTIMEZONE is
// needed and a change of summer time cannot shift them.
//
// The format is github.com/arran4/golang-ical's: it escapes text and folds
// lines at 75 octets. Two of its defaults are not RFC 5545's and are set
// here: lines end with CRLF (it writes LF on Unix), and no parameter value
// that it would escape with a backslash is written.
package calendar

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/pressroom/pressroom/generator/fingerprint"
	"github.com/pressroom/pressroom/generator/output"
	"github.com/pressroom/pressroom/generator/render"
	"github.com/pressroom/pressroom/generator/site"
)

// Output writes every calendar.
var Output = render.Output{Name: "calendars", Plan: plan}

// File is the name of an event's own calendar, in its folder.
const File = "event.ics"

// SitePath is where the calendar of all events is published, in the
// default language; another's is under its prefix (PathIn).
const SitePath = "events.ics"

// PathIn is where the calendar of all events of the language of s is published.
func PathIn(s *site.Site) string { return s.Prefix + SitePath }

// EventPath is where an event's own calendar is published.
func EventPath(e *site.Entry) string { return e.Path + File }

func plan(env *render.Env) []render.Task {
	s := env.Site
	sec := s.Section("events")
	if sec == nil || len(sec.Entries) == 0 {
		return nil // a newsroom without events has no calendar
	}
	seed := fingerprint.New("calendar").Num(s.Config.Version).Str(s.Config.BaseURL).Num(env.Theme.WordsVersion)
	tasks := make([]render.Task, 0, env.Room(len(sec.Entries)+1))
	for i := range env.Changed(sec.Entries) {
		e := sec.Entries[i]
		if e.Start.IsZero() {
			continue
		}
		key, id := seed.With(e.Version), EventPath(e)
		if env.Reused(id, key) {
			tasks = append(tasks, render.Task{Key: key, ID: id})
			continue
		}
		tasks = append(tasks, render.Task{Key: key, ID: id, Run: func(out output.Writer) error {
			data, err := Calendar(s, e.Title, []*site.Entry{e}, env.Theme.T)
			if err != nil {
				return err
			}
			return out.WriteFile(id, data)
		}})
	}
	// Which events it holds depends on the build's moment: made every build.
	tasks = append(tasks, render.Always(func(out output.Writer) error {
		data, err := Calendar(s, s.Config.Organization.Name+" — "+sec.Title, Listed(s), env.Theme.T)
		if err != nil {
			return err
		}
		return out.WriteFile(PathIn(s), data)
	}))
	return tasks
}

// Listed are the events /events.ics holds: every one not yet over, then
// the latest of those over, [feeds] limit of them.
func Listed(s *site.Site) []*site.Entry {
	past := s.Past[:min(len(s.Past), s.Config.Feeds.Limit)]
	return append(append([]*site.Entry{}, s.Upcoming...), past...)
}

// Calendar is an iCalendar object named name holding events.
func Calendar(s *site.Site, name string, events []*site.Entry, words func(lang, id string, pairs ...any) string) ([]byte, error) {
	cal := ics.NewCalendarFor("pressroom")
	cal.SetProductId("-//pressroom//" + s.Config.Organization.Name + " newsroom//EN")
	cal.SetCalscale("GREGORIAN")
	cal.SetMethod(ics.MethodPublish)
	cal.SetName(name)
	cal.SetXWRCalName(name)
	cal.SetDescription(words(s.Lang, "calendar_description", "Org", s.Config.Organization.Name, "URL", s.URL(s.Prefix+"events/")))
	cal.SetRefreshInterval("PT1H")
	cal.SetXPublishedTTL("PT1H")
	for _, e := range events {
		if !e.Start.IsZero() {
			ev, err := event(s, e)
			if err != nil {
				return nil, err
			}
			cal.AddVEvent(ev)
		}
	}
	var buf bytes.Buffer
	if err := cal.SerializeTo(&buf, ics.WithNewLineWindows); err != nil {
		panic(err) // writing plain text into a buffer cannot fail
	}
	return buf.Bytes(), nil
}

// UID names an event from build to build: its slug at the site's host.
// A translation is the same event as the one it translates, and has its
// UID; an event of another language alone is SLUG.LANG@host.
func UID(s *site.Site, e *site.Entry) string {
	if root := s.Root(); e.Lang != root.Lang && e.Lang != "" {
		if t := e.Translation(root.Lang); t != nil {
			return t.Slug + "@" + s.Config.Base.Hostname()
		}
		return e.Slug + "." + e.Lang + "@" + s.Config.Base.Hostname()
	}
	return e.Slug + "@" + s.Config.Base.Hostname()
}

func event(s *site.Site, e *site.Entry) (*ics.VEvent, error) {
	body, err := e.HTML()
	if err != nil {
		return nil, err
	}
	ev := ics.NewEvent(UID(s, e))
	stamp := e.Updated()
	if stamp.IsZero() {
		stamp = e.Start // an undated event: its start is the one moment of content it has
	}
	ev.SetDtStampTime(stamp)
	if !e.Updated().IsZero() {
		ev.SetModifiedAt(e.Updated())
	}
	loc := s.Config.Location
	if e.AllDay {
		ev.SetAllDayStartAt(e.Start.In(loc))
		ev.SetAllDayEndAt(e.End.In(loc)) // the day after the last: DTEND is not part of the event
	} else {
		ev.SetStartAt(e.Start)
		if e.End.After(e.Start) {
			ev.SetEndAt(e.End)
		}
	}
	ev.SetSummary(e.Title)
	if where := location(e); where != "" {
		ev.SetLocation(where)
	}
	ev.SetURL(s.URL(e.Path))
	ev.SetDescription(description(s, e, body))
	for _, c := range e.Contacts {
		ev.AddProperty(ics.ComponentPropertyContact, contact(c.Name, c.Role, c.Email, c.Phone))
	}
	for _, t := range e.Tags {
		// One CATEGORIES line per tag: in one line the library escapes the
		// commas that would separate them.
		ev.AddProperty(ics.ComponentPropertyCategories, t.Name)
	}
	ev.SetStatus(ics.ObjectStatusConfirmed)
	ev.SetTimeTransparency(ics.TransparencyOpaque)
	return ev, nil
}

// location is where the event is: its venue and address, else "Online".
func location(e *site.Entry) string {
	f := &e.Item.Front
	var parts []string
	for _, p := range []string{f.Venue, f.Address} {
		if p = oneLine(p); p != "" {
			parts = append(parts, p)
		}
	}
	if len(parts) == 0 && f.Online != "" {
		return "Online: " + f.Online
	}
	return strings.Join(parts, ", ")
}

// description is the event in plain text: summary, body, stream,
// registration, and the page.
func description(s *site.Site, e *site.Entry, body template.HTML) string {
	f := &e.Item.Front
	var b strings.Builder
	add := func(text string) {
		if text = strings.TrimSpace(text); text != "" {
			if b.Len() > 0 {
				b.WriteString("\n\n")
			}
			b.WriteString(text)
		}
	}
	add(oneLine(e.Summary))
	add(PlainText(string(body)))
	if f.Online != "" {
		add("Online: " + f.Online)
	}
	if f.Registration != "" {
		add("Registration: " + f.Registration)
	}
	add(fmt.Sprintf("%s: %s", s.Config.Organization.Name, s.URL(e.Path)))
	return b.String()
}

func contact(parts ...string) string {
	var kept []string
	for _, p := range parts {
		if p = oneLine(p); p != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, ", ")
}

// oneLine joins the lines of s with spaces.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// Moment formats t as an iCalendar UTC date-time, for tests and tools.
func Moment(t time.Time) string { return t.UTC().Format("20060102T150405Z") }
