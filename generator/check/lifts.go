package check

import (
	"time"

	"github.com/pressroom/pressroom/generator/site"
)

// lift is when an item or file goes out: at the check's moment when it is
// published, at its embargo or date when it is held, never for a draft.
type lift struct {
	at    time.Time
	never bool
}

// later reports whether l goes out after m.
func (l lift) later(m lift) bool {
	if l.never || m.never {
		return l.never && !m.never
	}
	return l.at.After(m.at)
}

// String says when, for messages: "2 Dec 2026 09:00 CET", or "never (a draft)".
func (l lift) in(s *site.Site) string {
	if l.never {
		return "not until it is no longer a draft"
	}
	if !l.at.After(s.At) {
		return "now"
	}
	return "until " + l.at.In(s.Config.Location).Format("2 Jan 2006 15:04 MST")
}

// lifts knows when each source file goes out, from what the site as of
// the check's moment holds back (site.Site.Held).
type lifts struct {
	now  time.Time
	held map[string]site.Held
}

func newLifts(s *site.Site) lifts {
	l := lifts{now: s.At, held: make(map[string]site.Held, len(s.Held))}
	for _, h := range s.Held {
		if prev, ok := l.held[h.Source]; !ok || later(h, prev) {
			l.held[h.Source] = h
		}
	}
	return l
}

func later(a, b site.Held) bool {
	return lift{at: a.Until, never: a.Until.IsZero()}.later(lift{at: b.Until, never: b.Until.IsZero()})
}

// of is when the file source goes out.
func (l lifts) of(source string) lift {
	h, ok := l.held[source]
	switch {
	case !ok:
		return lift{at: l.now}
	case h.Until.IsZero():
		return lift{never: true}
	}
	return lift{at: h.Until}
}

// entry is when e goes out.
func (l lifts) entry(e *site.Entry) lift { return l.of(e.Item.Source) }

// asset is when a goes out, shown by owner: a library file by its own
// hold; a bundle file with its entry, or later by its sidecar's embargo.
func (l lifts) asset(a *site.Asset, owner *site.Entry) lift {
	if owner == nil || !isBundleFile(a, owner) {
		return l.of(a.Source)
	}
	out := l.entry(owner)
	if own := (lift{at: a.Meta.Embargo}); !out.never && own.later(out) {
		out = own
	}
	return out
}

func isBundleFile(a *site.Asset, e *site.Entry) bool {
	for _, f := range e.Files {
		if f.Asset == a.Asset {
			return true
		}
	}
	return false
}
