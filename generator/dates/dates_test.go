package dates

import (
	"testing"
	"time"
)

func TestLong(t *testing.T) {
	nov3 := time.Date(2026, 11, 3, 9, 0, 0, 0, time.UTC)
	mar1 := time.Date(2027, 3, 1, 9, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		lang string
		at   time.Time
		want string
	}{
		{"en", nov3, "3 November 2026"},
		{"de", nov3, "3. November 2026"},
		{"de", mar1, "1. März 2027"},
		{"fr", nov3, "3 novembre 2026"},
		{"fr", mar1, "1er mars 2027"},
		{"es", nov3, "3 de noviembre de 2026"},
		{"pt-br", nov3, "3 de novembro de 2026"},
		{"sv", nov3, "3 November 2026"}, // a language without a style here: English
	} {
		if got := Long(c.lang, c.at); got != c.want {
			t.Errorf("Long(%q, %v) = %q, want %q", c.lang, c.at, got, c.want)
		}
	}
}
