package site

import (
	"sort"
	"time"
)

// setMoments sets an event's Start, End and AllDay from its front matter.
// End is the moment the event is over: the midnight after an all-day
// event's last day; a timed event without an end is over once it starts.
func (e *Entry) setMoments() {
	f := &e.Item.Front
	e.Start, e.AllDay = f.Start, f.AllDay
	last := f.End
	if last.IsZero() {
		last = f.Start
	}
	e.End = last
	if e.AllDay {
		e.End = last.AddDate(0, 0, 1) // in the site's zone: a day of 23 or 25 hours stays a day
	}
}

// LastDay is an all-day event's last day (its end as the author wrote it).
func (e *Entry) LastDay() time.Time {
	if e.AllDay {
		return e.End.AddDate(0, 0, -1)
	}
	return e.End
}

// Ended reports whether the event is over at the moment at.
func (e *Entry) Ended(at time.Time) bool { return !at.Before(e.End) && !e.Start.IsZero() }

// Started reports whether the event has begun at the moment at.
func (e *Entry) Started(at time.Time) bool { return !at.Before(e.Start) && !e.Start.IsZero() }

// events splits published events at the build's moment: those not yet
// over, soonest first, then those over, the latest first; and the moments
// after at at which one starts or ends, when those lists change.
func events(entries []*Entry, at time.Time) (upcoming, past []*Entry, moments []Held) {
	for _, e := range entries {
		if e.Start.IsZero() {
			continue // an event whose start did not parse, which is reported
		}
		if e.Ended(at) {
			past = append(past, e)
		} else {
			upcoming = append(upcoming, e)
		}
		if e.Start.After(at) {
			moments = append(moments, Held{Source: e.Item.Source, Title: e.Title, Reason: EventStarts, Until: e.Start})
		}
		if e.End.After(at) && !e.End.Equal(e.Start) {
			moments = append(moments, Held{Source: e.Item.Source, Title: e.Title, Reason: EventEnds, Until: e.End})
		}
	}
	byStart := func(list []*Entry, soonest bool) {
		sort.SliceStable(list, func(i, j int) bool {
			a, b := list[i], list[j]
			if !a.Start.Equal(b.Start) {
				return a.Start.Before(b.Start) == soonest
			}
			return a.Path < b.Path
		})
	}
	byStart(upcoming, true)
	byStart(past, false)
	sort.SliceStable(moments, func(i, j int) bool {
		if !moments[i].Until.Equal(moments[j].Until) {
			return moments[i].Until.Before(moments[j].Until)
		}
		return moments[i].Source < moments[j].Source
	})
	return upcoming, past, moments
}
