package site

import "time"

// Next is when the site next changes by itself, and what goes live then:
// the earliest moment at which something s holds back lifts (an embargo, a
// scheduled date, or the first of those of the items an asset waits for),
// or a published event starts or ends (Site.Moments), and every held item
// and asset that lifts, and every event that starts or ends, at that
// moment. It is zero, and nil, when nothing changes by itself: drafts
// only, or nothing held and no event to come.
//
// It is the one answer to "when next": serve's timer rebuilds at it, and
// the `next` and `publish` commands are to name and wait for it.
func (s *Site) Next() (time.Time, []Held) {
	var at time.Time
	var lifting []Held
	for _, h := range append(s.Held[:len(s.Held):len(s.Held)], s.Moments...) {
		switch {
		case h.Until.IsZero():
		case at.IsZero() || h.Until.Before(at):
			at, lifting = h.Until, append(lifting[:0], h)
		case h.Until.Equal(at):
			lifting = append(lifting, h)
		}
	}
	return at, lifting
}
