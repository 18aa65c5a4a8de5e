package content

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/pressroom/pressroom/generator/diag"
)

// keysBySection lists the front matter keys each section accepts. An unknown
// key is an error rather than ignored: a misspelt `embrago` must not publish
// a release early.
var keysBySection = func() map[string]map[string]bool {
	common := []string{"title", "date", "lastmod", "slug", "summary", "description", "tags", "draft", "weight", "checkIgnore", "translationKey"}
	extra := map[string][]string{
		"press":      {"subtitle", "location", "embargo", "contacts", "assets", "literature", "boilerplate", "coverage"},
		"blog":       {"embargo", "assets", "author", "image", "contacts"},
		"literature": {"embargo", "contacts", "assets", "kind", "subtitle"},
		"pages":      {"assets", "contacts"},
		"events":     {"embargo", "contacts", "assets", "start", "end", "venue", "address", "online", "registration"},
		"coverage":   {"outlet", "url", "quote"},
		"sidecar":    {"title", "alt", "caption", "credit", "license", "tags", "embargo", "checkIgnore"},
		"microsite":  {"embargo", "assets", "contacts"},
		// a microsite's _index.md: its home page and its look
		"microsite-index": {"embargo", "assets", "contacts", "accent", "logo", "theme"},
		"section-index":   {},
	}
	out := map[string]map[string]bool{}
	for section, keys := range extra {
		set := map[string]bool{}
		if section != "sidecar" {
			for _, k := range common {
				set[k] = true
			}
		}
		for _, k := range keys {
			set[k] = true
		}
		out[section] = set
	}
	return out
}()

// decoder turns fields into typed values, recording a positioned problem for
// every value of the wrong shape instead of stopping at the first.
type decoder struct {
	file     string
	fields   fields
	loc      *time.Location
	problems *diag.List
}

func (d *decoder) fail(key, format string, args ...any) {
	d.problems.Add(d.file, d.fields[key].line, "%s: %s", key, fmt.Sprintf(format, args...))
}

func (d *decoder) checkKeys(kind string) {
	allowed := keysBySection[kind]
	var unknown []string
	for k := range d.fields {
		if !allowed[k] {
			unknown = append(unknown, k)
		}
	}
	sort.Strings(unknown)
	for _, k := range unknown {
		d.problems.Add(d.file, d.fields[k].line, "unknown front matter key %q%s", k, suggest(k, allowed))
	}
	for k, f := range d.fields {
		for _, line := range f.again {
			d.problems.Add(d.file, line, "%s is written twice, here and on line %d: keep one of the two lines", k, f.line)
		}
	}
}

func suggest(key string, allowed map[string]bool) string {
	for k := range allowed {
		if closeEnough(key, k) {
			return fmt.Sprintf(": did you mean %q?", k)
		}
	}
	names := make([]string, 0, len(allowed))
	for k := range allowed {
		names = append(names, k)
	}
	sort.Strings(names)
	return fmt.Sprintf(" (allowed here: %s)", strings.Join(names, ", "))
}

// closeEnough reports whether a and b differ by one edit or one swap of neighbours.
func closeEnough(a, b string) bool {
	if a == b {
		return false
	}
	la, lb := len(a), len(b)
	if la == lb {
		diffs := []int{}
		for i := 0; i < la; i++ {
			if a[i] != b[i] {
				diffs = append(diffs, i)
			}
		}
		if len(diffs) == 1 {
			return true
		}
		return len(diffs) == 2 && diffs[1] == diffs[0]+1 && a[diffs[0]] == b[diffs[1]] && a[diffs[1]] == b[diffs[0]]
	}
	if la+1 == lb {
		a, b = b, a
		la, lb = lb, la
	}
	if la != lb+1 {
		return false
	}
	for i := 0; i < lb; i++ {
		if a[i] != b[i] {
			return a[i+1:] == b[i:]
		}
	}
	return true
}

func (d *decoder) str(key string) string {
	f, ok := d.fields[key]
	if !ok || f.value == nil {
		return ""
	}
	switch v := f.value.(type) {
	case string:
		return v
	case int64, float64, bool:
		return fmt.Sprint(v)
	}
	d.fail(key, "expected text, not a list")
	return ""
}

func (d *decoder) list(key string) []string {
	f, ok := d.fields[key]
	if !ok || f.value == nil {
		return nil
	}
	switch v := f.value.(type) {
	case string:
		return []string{v} // `tags: storage` means one tag
	case []any:
		out := make([]string, 0, len(v))
		for _, e := range v {
			switch e := e.(type) {
			case string:
				out = append(out, e)
			case int64, float64, bool:
				out = append(out, fmt.Sprint(e))
			default:
				d.fail(key, "each entry must be text")
				return nil
			}
		}
		return out
	}
	d.fail(key, "expected a list such as [a, b]")
	return nil
}

// empty reports a key that is written without a value (`draft:`,
// `embargo: ""`, `embargo: ~`). For draft and embargo that must not pass as
// "not set": a release would go out at once, without a word.
func (d *decoder) empty(key string) bool {
	f, ok := d.fields[key]
	if !ok {
		return false
	}
	s, isText := f.value.(string)
	return f.value == nil || isText && strings.TrimSpace(s) == ""
}

// whatToWrite says what an empty key of each kind should hold.
var whatToWrite = map[string]string{
	"embargo": "give a date-time such as 2026-12-01T09:00:00",
	"date":    "give a date such as 2026-12-01",
	"lastmod": "give a date such as 2026-12-01",
	"draft":   "write true to keep it unpublished",
	"start":   "give a date-time such as 2026-12-01T10:00:00, or a date for an all-day event",
	"end":     "give a date-time such as 2026-12-01T12:00:00, or a date for an all-day event",
}

func (d *decoder) failEmpty(key string) {
	d.problems.Add(d.file, d.fields[key].line, "%s is empty: %s, or remove the line", key, whatToWrite[key])
}

func (d *decoder) boolean(key string) bool {
	if d.empty(key) && whatToWrite[key] != "" {
		d.failEmpty(key)
		return key == "draft" // held until someone says otherwise
	}
	f, ok := d.fields[key]
	if !ok || f.value == nil {
		return false
	}
	if b, ok := f.value.(bool); ok {
		return b
	}
	d.fail(key, "expected true or false")
	return false
}

func (d *decoder) integer(key string) int {
	f, ok := d.fields[key]
	if !ok || f.value == nil {
		return 0
	}
	if n, ok := f.value.(int64); ok {
		return int(n)
	}
	d.fail(key, "expected a whole number")
	return 0
}

func (d *decoder) date(key string) time.Time {
	if d.empty(key) {
		d.failEmpty(key)
		return time.Time{}
	}
	s := d.str(key)
	if s == "" {
		return time.Time{}
	}
	t, err := ParseDate(s, d.loc)
	if err != nil {
		d.fail(key, "%v", err)
	}
	return t
}

// MaxTags bounds the tags of one item. Each tag is a page and three feeds:
// 5,000 tags, 30 KB of front matter, made 5,000 pages and 15,000 feeds.
// A release has a handful.
const MaxTags = 100

// tags reads the tags of an item, each of which becomes a URL word
// (/tags/WORD/) and so must fit in a file name.
func (d *decoder) tags() []string {
	tags := d.list("tags")
	if len(tags) > MaxTags {
		d.fail("tags", "%d tags; the limit is %d: keep the few a reader would follow (each makes a page and three feeds)", len(tags), MaxTags)
		return nil
	}
	for _, t := range tags {
		if n := len(Slugify(t)); n > MaxSlugBytes {
			d.fail("tags", "the tag %q makes a URL word of %d bytes; the limit is %d: shorten the tag", shorten(t), n, MaxSlugBytes)
		}
	}
	return tags
}

func (d *decoder) lines() map[string]int {
	out := make(map[string]int, len(d.fields))
	for k, f := range d.fields {
		out[k] = f.line
	}
	return out
}

func (d *decoder) front() Front {
	return Front{
		Title:          strings.TrimSpace(d.str("title")),
		Date:           d.date("date"),
		Lastmod:        d.date("lastmod"),
		Embargo:        d.date("embargo"),
		Slug:           d.str("slug"),
		Summary:        d.str("summary"),
		TranslationKey: strings.TrimSpace(d.str("translationKey")),
		Description:    d.str("description"),
		Tags:           d.tags(),
		Draft:          d.boolean("draft"),
		Weight:         d.integer("weight"),
		Subtitle:       d.str("subtitle"),
		Location:       d.str("location"),
		Contacts:       d.list("contacts"),
		Assets:         d.list("assets"),
		Literature:     d.list("literature"),
		Boilerplate:    d.str("boilerplate"),
		Author:         d.str("author"),
		Image:          d.str("image"),
		Kind:           d.str("kind"),
		Accent:         d.str("accent"),
		Logo:           d.str("logo"),
		Theme:          d.str("theme"),
		CheckIgnore:    d.list("checkIgnore"),
		Venue:          strings.TrimSpace(d.str("venue")),
		Address:        strings.TrimSpace(d.str("address")),
		Online:         strings.TrimSpace(d.str("online")),
		Outlet:         strings.TrimSpace(d.str("outlet")),
		URL:            strings.TrimSpace(d.str("url")),
		Quote:          strings.TrimSpace(d.str("quote")),
		Coverage:       d.list("coverage"),
		Lines:          d.lines(),

		Registration: strings.TrimSpace(d.str("registration")),
	}
}
