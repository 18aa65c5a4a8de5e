package mail

import "github.com/pressroom/pressroom/generator/site"

// Matches reports whether a release goes to r: when their beats meet the
// release's tags, when the release has no tags, or when r has no beats
// (a desk that takes everything). Before the lift (held), only recipients
// trusted with embargoes get it.
func Matches(r Recipient, e *site.Entry, held bool) bool {
	if held && !r.EmbargoOK {
		return false
	}
	if len(e.Tags) == 0 || len(r.Beats) == 0 {
		return true
	}
	for _, b := range r.Beats {
		for _, t := range e.Tags {
			if t.Slug == b {
				return true
			}
		}
	}
	return false
}

// Audience is the recipients of l that get e.
func Audience(l *List, e *site.Entry, held bool) []Recipient {
	var out []Recipient
	for _, r := range l.Recipients {
		if Matches(r, e, held) {
			out = append(out, r)
		}
	}
	return out
}
