package content

import (
	"net/url"
	"regexp"
	"strings"
)

// bareDate is a date written without a time: an all-day event's day.
var bareDate = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// event reads an event's moments and addresses into f, with a positioned
// problem for a missing start, an end before it, a start and an end of
// different kinds (a day and a time), or an address that is not one.
func (d *decoder) event(f *Front) {
	start, written := d.fields["start"]
	if !written {
		d.problems.Add(d.file, 1, "missing start: add `start: 2026-12-01T10:00:00` (in the site's timezone), or `start: 2026-12-01` for an all-day event")
		return
	}
	f.Start = d.date("start")
	if f.Start.IsZero() {
		return // reported by date
	}
	startText, _ := start.value.(string)
	f.AllDay = bareDate.MatchString(strings.TrimSpace(startText))
	if _, ok := d.fields["end"]; ok {
		f.End = d.date("end")
		endText, _ := d.fields["end"].value.(string)
		endDay := bareDate.MatchString(strings.TrimSpace(endText))
		switch {
		case f.End.IsZero():
		case endDay != f.AllDay && f.AllDay:
			d.fail("end", "the start is a day (an all-day event), the end a time: write both as dates (2026-12-02) or both as date-times")
			f.End = f.Start
		case endDay != f.AllDay:
			d.fail("end", "the start is a time, the end a day: write the end as a date-time such as %s", f.Start.Format("2006-01-02T15:04:05"))
			f.End = f.Start
		case f.End.Before(f.Start):
			d.fail("end", "the end (%s) is before the start (%s, line %d): correct one of the two", strings.TrimSpace(endText), strings.TrimSpace(startText), start.line)
			f.End = f.Start
		}
	}
	if f.Online != "" && !webAddress(f.Online) {
		d.fail("online", "%q is not a web address: write the stream's URL, https://…", shorten(f.Online))
	}
	if r := f.Registration; r != "" && !webAddress(r) && !emailAddress(r) {
		d.fail("registration", "%q is neither a web address (https://…) nor an e-mail address", shorten(r))
	}
}

// coverage checks a press mention: it names its outlet, links its article
// and is dated.
func (d *decoder) coverage(f *Front) {
	if f.Outlet == "" {
		d.problems.Add(d.file, d.lineOr("outlet", 1), "missing outlet: add `outlet: \"…\"`, the publication that ran the article")
	}
	switch {
	case f.URL == "":
		d.problems.Add(d.file, d.lineOr("url", 1), "missing url: add `url: https://…`, the article's address")
	case !webAddress(f.URL):
		d.fail("url", "%q is not a web address: write the article's full URL, https://…", shorten(f.URL))
	}
}

func (d *decoder) lineOr(key string, line int) int {
	if f, ok := d.fields[key]; ok {
		return f.line
	}
	return line
}

// webAddress reports whether s is an absolute http or https URL.
func webAddress(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != ""
}

// emailAddress reports whether s looks like one e-mail address.
func emailAddress(s string) bool {
	at := strings.IndexByte(s, '@')
	return at > 0 && at < len(s)-1 && !strings.ContainsAny(s, " \t<>\"") && strings.Count(s, "@") == 1
}
