package content

import (
	"fmt"
	"regexp"
	"strings"
	"time"
)

// localLayouts are the date forms written without an offset; they are read
// in the site's time zone. A bare date means midnight there.
var localLayouts = []string{
	"2006-01-02",
	"2006-01-02T15:04",
	"2006-01-02T15:04:05",
	"2006-01-02 15:04",
	"2006-01-02 15:04:05",
}

// ParseDate reads a front matter date: RFC 3339, or one of the local forms in loc.
//
// The time it returns is always in loc, whatever offset the value was
// written with: an offset says which moment is meant, never the zone the
// site shows it in. Every item's date, lastmod and embargo, and every
// asset's embargo, are read here, so no output (page, list, feed, sitemap,
// kit) can show a moment in another zone than the site's.
func ParseDate(s string, loc *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return inSite(t, loc), nil
	}
	if t, err := time.Parse("2006-01-02 15:04:05Z07:00", s); err == nil {
		return inSite(t, loc), nil
	}
	for _, layout := range localLayouts {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a date: write YYYY-MM-DD, or a date and time such as 2026-11-03T09:00:00+01:00", s)
}

// inSite is t in loc; a nil loc (a configuration whose timezone was
// refused, which is reported there) leaves it as written.
func inSite(t time.Time, loc *time.Location) time.Time {
	if loc == nil {
		return t
	}
	return t.In(loc)
}

var datePrefix = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2})-(.+)$`)

// SplitDatePrefix splits "2026-11-03-new-plant" into the date it names (in
// loc) and the rest. ok is false when the name has no valid date prefix.
func SplitDatePrefix(name string, loc *time.Location) (date time.Time, rest string, ok bool) {
	m := datePrefix.FindStringSubmatch(name)
	if m == nil {
		return time.Time{}, name, false
	}
	t, err := time.ParseInLocation("2006-01-02", m[1], loc)
	if err != nil {
		return time.Time{}, name, false
	}
	return t, m[2], true
}
