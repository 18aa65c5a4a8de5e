package pages

import (
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/pressroom/pressroom/generator/dates"
	"github.com/pressroom/pressroom/generator/site"
)

// When is an event's date and time as a reader wants it, in the site's
// time zone and language: "25 October 2026, 10:00–12:00 CET", "25–26
// October 2026" for all-day events ("25.–26. Oktober 2026" in German);
// each time with its zone's abbreviation, so that an event across a change
// of summer time says so. It has no words but the months', which
// generator/dates writes.
func When(s *site.Site, e *site.Entry) string {
	loc, lang := s.Config.Location, s.Lang
	start, end := e.Start.In(loc), e.End.In(loc)
	day := func(t time.Time) string { return dates.Long(lang, t) }
	sameDay := func(a, b time.Time) bool { return a.Year() == b.Year() && a.YearDay() == b.YearDay() }
	if e.AllDay {
		last := e.LastDay().In(loc)
		switch {
		case sameDay(last, start):
			return day(start)
		case last.Year() == start.Year() && last.Month() == start.Month():
			return dayOnly(lang, start) + "–" + day(last)
		case last.Year() == start.Year():
			return dayMonth(lang, start) + " – " + day(last)
		}
		return day(start) + " – " + day(last)
	}
	clock := func(t time.Time) string { return dates.Clock(lang, t) }
	out := day(start) + ", " + clock(start)
	switch {
	case end.Equal(start):
		return out + " " + start.Format("MST")
	case sameDay(end, start) && end.Format("MST") == start.Format("MST"):
		return out + "–" + clock(end) + " " + end.Format("MST")
	case sameDay(end, start):
		return out + " " + start.Format("MST") + " – " + clock(end) + " " + end.Format("MST")
	}
	return out + " " + start.Format("MST") + " – " + day(end) + ", " + clock(end) + " " + end.Format("MST")
}

// dayMonth is t's date without its year, as dates.Long writes the rest:
// "2 January", "2. Januar", "2 de enero".
func dayMonth(lang string, t time.Time) string {
	s := strings.TrimSuffix(dates.Long(lang, t), " "+strconv.Itoa(t.Year()))
	return strings.TrimSuffix(s, " de") // "2 de enero de 2026"
}

// dayOnly is t's day as dates.Long writes it before the month: "2", "2.",
// "1er".
func dayOnly(lang string, t time.Time) string {
	s, _, _ := strings.Cut(dayMonth(lang, t), " ")
	return s
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
