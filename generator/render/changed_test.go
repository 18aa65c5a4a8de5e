package render

import (
	"slices"
	"testing"

	"github.com/pressroom/pressroom/generator/site"
)

// TestChangedPages: a full build makes every entry and every list page (an
// empty list still has its first); a refresh makes the pages of the
// entries it changed and the list pages that show a changed card (or,
// where a page may show anything of an entry, a changed entry), each once,
// in order.
func TestChangedPages(t *testing.T) {
	list := make([]*site.Entry, 3*site.PerPage+5) // four pages, the last of five
	for i := range list {
		list[i] = &site.Entry{}
	}
	outside := &site.Entry{}
	for _, tc := range []struct {
		name           string
		changes        *site.Changes
		list           []*site.Entry
		entries, pages []int
	}{
		{"full build", nil, list, []int{0, 1, 2, 64}, []int{1, 2, 3, 4}},
		{"full build of an empty list", nil, nil, nil, []int{1}},
		{"refresh of an entry outside the list", changes(outside), list, nil, nil},
		{"refresh of nothing in an empty list", changes(), nil, nil, nil},
		{"refresh of two on one page and one on the last", changes(list[64], list[21], list[39]),
			list, []int{21, 39, 64}, []int{2, 4}},
		{"refresh of a page's first and the last page's last", changes(list[20], list[64], outside),
			list, []int{20, 64}, []int{2, 4}},
		{"refresh of bodies alone", site.ChangesOf([]*site.Entry{list[3], list[50]}, nil), list, []int{3, 50}, nil},
		{"refresh of one card of two", site.ChangesOf([]*site.Entry{list[3], list[50]}, []*site.Entry{list[50]}),
			list, []int{3, 50}, []int{3}},
		{"refresh of many", changes(list[:20]...), list, upTo(20), []int{1}},
	} {
		env := &Env{Changes: tc.changes}
		entries := slices.Collect(env.Changed(tc.list))
		if tc.changes == nil {
			// every position: compare the first three and the last
			if len(entries) != len(tc.list) {
				t.Errorf("%s: %d entries, want %d", tc.name, len(entries), len(tc.list))
			}
			entries = pick(entries, 0, 1, 2, len(tc.list)-1)
		}
		if !slices.Equal(entries, tc.entries) {
			t.Errorf("%s: Changed = %v, want %v", tc.name, entries, tc.entries)
		}
		if pages := slices.Collect(env.ChangedPages(tc.list, true)); !slices.Equal(pages, tc.pages) {
			t.Errorf("%s: ChangedPages by cards = %v, want %v", tc.name, pages, tc.pages)
		}
		// Pages that may show anything of an entry are made again for
		// any change of one.
		var pages []int
		for _, i := range entries {
			if n := i/site.PerPage + 1; len(pages) == 0 || pages[len(pages)-1] != n {
				pages = append(pages, n)
			}
		}
		if tc.changes == nil {
			pages = tc.pages
		}
		if got := slices.Collect(env.ChangedPages(tc.list, false)); !slices.Equal(got, pages) {
			t.Errorf("%s: ChangedPages by entries = %v, want %v", tc.name, got, pages)
		}
	}
}

// changes is a refresh that changed the entries' bodies and cards.
func changes(entries ...*site.Entry) *site.Changes { return site.ChangesOf(entries, entries) }

// upTo is 0, 1, ... n-1.
func upTo(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

// pick returns the values of s at the positions that s has.
func pick(s []int, at ...int) []int {
	var out []int
	for _, i := range at {
		if i >= 0 && i < len(s) {
			out = append(out, s[i])
		}
	}
	return out
}
