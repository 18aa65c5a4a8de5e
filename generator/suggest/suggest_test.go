package suggest

import "testing"

func TestNearest(t *testing.T) {
	tables := []string{"organization", "contacts", "feeds", "markup", "presskits", "deploy"}
	keys := []string{"name", "url", "maxDeletes", "matchers"}
	tests := []struct {
		s     string
		names []string
		want  string
	}{
		{"organisation", tables, "organization"},
		{"contact", tables, "contacts"},
		{"feed", tables, "feeds"},
		{"press-kits", tables, "presskits"},
		{"PressKits", tables, "presskits"},
		{"max_deletes", keys, "maxDeletes"},
		{"maxdelete", keys, "maxDeletes"},
		{"matcher", keys, "matchers"},
		{"uri", keys, "url"},
		{"colour", tables, ""},                // nothing like it
		{"languages", tables, ""},             // a table of another product
		{"x", keys, ""},                       // one letter is no slip of "url"
		{"deploy", tables, ""},                // itself is no suggestion
		{"titel", []string{"title"}, "title"}, // two letters swapped
		{"nmae", []string{"name", "names"}, "name"},
	}
	for _, tc := range tests {
		if got := Nearest(tc.s, tc.names); got != tc.want {
			t.Errorf("Nearest(%q) = %q, want %q", tc.s, got, tc.want)
		}
	}
}

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"", "abc", 3},
		{"abc", "", 3},
		{"kitten", "sitting", 3},
		{"organisation", "organization", 1},
		{"århus", "arhus", 1}, // runes, not bytes
		{"title", "titel", 2},
	}
	for _, tc := range tests {
		if got := Distance(tc.a, tc.b); got != tc.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}
