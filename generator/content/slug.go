package content

import (
	"strings"
	"unicode"
)

// Slugify turns words as written ("Community Energy", "Q3 Results") into
// one URL word ("community-energy", "q3-results"), for tags and heading ids.
// Letters of any script are kept; everything else separates words.
func Slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(strings.TrimSpace(s)) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		default:
			dash = true
		}
	}
	return b.String()
}
