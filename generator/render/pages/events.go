package pages

import (
	"net/url"
	"strings"
	"time"

	"github.com/pressroom/pressroom/generator/site"
)

// When is an event's date and time as a reader wants it, in the site's
// time zone: "25 October 2026, 10:00–12:00 CET", "25–26 October 2026"
// for all-day events; each time with its zone's abbreviation, so that an
// event across a change of summer time says so.
func When(s *site.Site, e *site.Entry) string {
	loc := s.Config.Location
	start, end := e.Start.In(loc), e.End.In(loc)
	const day = "2 January 2006"
	if e.AllDay {
		last := e.LastDay().In(loc)
		switch {
		case last.Format(day) == start.Format(day):
			return start.Format(day)
		case last.Year() == start.Year() && last.Month() == start.Month():
			return start.Format("2") + "–" + last.Format(day)
		case last.Year() == start.Year():
			return start.Format("2 January") + " – " + last.Format(day)
		}
		return start.Format(day) + " – " + last.Format(day)
	}
	out := start.Format(day + ", 15:04")
	switch {
	case end.Equal(start):
		return out + " " + start.Format("MST")
	case end.Format(day) == start.Format(day) && end.Format("MST") == start.Format("MST"):
		return out + "–" + end.Format("15:04 MST")
	case end.Format(day) == start.Format(day):
		return out + " " + start.Format("MST") + " – " + end.Format("15:04 MST")
	}
	return out + " " + start.Format("MST") + " – " + end.Format(day+", 15:04 MST")
}

// Status is "now" for an event under way at the build's moment, "past"
// for one that is over, else "".
func Status(s *site.Site, e *site.Entry) string {
	switch {
	case e.Ended(s.At):
		return "past"
	case e.Started(s.At):
		return "now"
	}
	return ""
}

// MapURL is an OpenStreetMap search for an address.
func MapURL(address string) string {
	return "https://www.openstreetmap.org/search?query=" + url.QueryEscape(address)
}

// Registration is where a reader registers: a web address, or a mail to
// an e-mail address.
func Registration(r string) string {
	if strings.Contains(r, "@") && !strings.Contains(r, "://") {
		return "mailto:" + r
	}
	return r
}

// eventDatetime is the datetime attribute of an event's start or end: a
// date for an all-day event, else the moment with its offset.
func eventDatetime(e *site.Entry, t time.Time) string {
	if e.AllDay {
		return t.Format("2006-01-02")
	}
	return t.Format(time.RFC3339)
}
