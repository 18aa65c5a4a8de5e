package site

import (
	"slices"
	"testing"
	"time"

	"github.com/pressroom/pressroom/generator/content"
)

// TestRefreshable is the rule for the fast path of serve's rebuilds: an
// edit qualifies only when it changes nothing but what the entry shows of
// itself, so that every publish decision, URL, order and list stays put.
func TestRefreshable(t *testing.T) {
	release := func() *content.Item {
		return &content.Item{Section: "press", Source: "content/press/x.md", Slug: "x",
			Front: content.Front{Title: "Old", Date: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC),
				Tags: []string{"storage"}, Contacts: []string{"press"}, Lines: map[string]int{"title": 2}}}
	}
	tests := []struct {
		name string
		edit func(*content.Item)
		want bool
	}{
		{"text only", func(it *content.Item) { it.Body = []byte("New text.") }, true},
		{"title, summary, subtitle", func(it *content.Item) {
			it.Front.Title, it.Front.Summary, it.Front.Subtitle = "New", "In short.", "Below"
		}, true},
		{"location, author, kind, boilerplate", func(it *content.Item) {
			it.Front.Location, it.Front.Author, it.Front.Kind, it.Front.Boilerplate = "Kiel", "Ines", "bio", "Ours."
		}, true},
		{"lastmod", func(it *content.Item) { it.Front.Lastmod = time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC) }, true},
		{"lines moved", func(it *content.Item) { it.Front.Lines = map[string]int{"title": 3} }, true},
		{"date orders the lists", func(it *content.Item) { it.Front.Date = it.Front.Date.AddDate(0, 0, 1) }, false},
		{"tags", func(it *content.Item) { it.Front.Tags = []string{"storage", "grid"} }, false},
		{"embargo", func(it *content.Item) { it.Front.Embargo = time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC) }, false},
		{"draft", func(it *content.Item) { it.Front.Draft = true }, false},
		{"contacts", func(it *content.Item) { it.Front.Contacts = []string{"ir"} }, false},
		{"assets", func(it *content.Item) { it.Front.Assets = []string{"logos/x.svg"} }, false},
		{"literature", func(it *content.Item) { it.Front.Literature = []string{"fact-sheet"} }, false},
		{"weight", func(it *content.Item) { it.Front.Weight = 3 }, false},
		{"slug", func(it *content.Item) { it.Slug = "y" }, false},
		{"a library file linked from the text", func(it *content.Item) { it.LinkedAssets = []string{"photos/a.jpg"} }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			next := release()
			tt.edit(next)
			if got := Refreshable(release(), next); got != tt.want {
				t.Errorf("Refreshable = %v, want %v", got, tt.want)
			}
		})
	}
	for _, section := range []string{"pages", "microsite"} {
		old, next := release(), release()
		old.Section, next.Section = section, section
		next.Front.Title = "New"
		if Refreshable(old, next) {
			t.Errorf("a retitled item of %s is refreshable; its title orders the navigation", section)
		}
	}
}

// TestChangesUnchanged: Unchanged answers the same whether Changes holds a
// few changed entries (compared one by one) or many (indexed in a map).
func TestChangesUnchanged(t *testing.T) {
	entries := make([]*Entry, 40)
	for i := range entries {
		entries[i] = &Entry{}
	}
	for _, n := range []int{0, 1, 2, fewChanges, fewChanges + 1, 30} {
		c := &Changes{Versions: entries[:n]}
		c.index()
		for _, tc := range []struct {
			name string
			ask  []*Entry
			want bool
		}{
			{"nothing", nil, true},
			{"nil", []*Entry{nil}, true},
			{"an entry no edit touched", []*Entry{entries[39]}, true},
			{"the first changed", []*Entry{entries[0]}, n == 0},
			{"the last changed, among others", []*Entry{entries[39], entries[max(n-1, 0)]}, n == 0},
		} {
			if got := c.Unchanged(tc.ask...); got != tc.want {
				t.Errorf("%d changed, %s: Unchanged = %v, want %v", n, tc.name, got, tc.want)
			}
		}
	}
}

// TestChangesWithin: Within finds the positions of the changed entries in
// a list, in order, whether they are few or many, and none of those the
// list does not hold.
func TestChangesWithin(t *testing.T) {
	entries := make([]*Entry, 40)
	for i := range entries {
		entries[i] = &Entry{}
	}
	list := entries[10:30]
	for _, tc := range []struct {
		name    string
		changed []*Entry
		want    []int
	}{
		{"none", nil, nil},
		{"one outside the list", entries[2:3], nil},
		{"the list's first and last", []*Entry{entries[29], entries[10]}, []int{0, 19}},
		{"few, in any order", []*Entry{entries[25], entries[5], entries[12], entries[39]}, []int{2, 15}},
		{"many", entries[:fewChanges+4], []int{0, 1}},
		{"every entry", entries, func() (all []int) {
			for i := range list {
				all = append(all, i)
			}
			return all
		}()},
	} {
		c := &Changes{Versions: tc.changed}
		c.index()
		if got := c.Within(list); !slices.Equal(got, tc.want) {
			t.Errorf("%s: Within = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// BenchmarkWithin finds the one changed entry of a 100,000-entry list, as
// a refresh's plans do: by Within ("within"), and by asking Unchanged of
// every entry ("each"), which the plans did before.
func BenchmarkWithin(b *testing.B) {
	entries := make([]*Entry, 100_000)
	for i := range entries {
		entries[i] = &Entry{}
	}
	c := &Changes{Versions: []*Entry{entries[len(entries)/2]}}
	b.Run("within", func(b *testing.B) {
		for range b.N {
			if n := len(c.Within(entries)); n != 1 {
				b.Fatalf("%d changed, want 1", n)
			}
		}
	})
	b.Run("each", func(b *testing.B) {
		for range b.N {
			n := 0
			for _, e := range entries {
				if !c.Unchanged(e) {
					n++
				}
			}
			if n != 1 {
				b.Fatalf("%d changed, want 1", n)
			}
		}
	})
}
