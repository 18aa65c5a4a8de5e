package content

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxSlugBytes bounds a slug, and the URL word a tag makes. File systems
// take names of up to 255 bytes; a page's folder is named by its slug and
// what is made beside it adds to that, so 200 leaves room (and a URL word
// of 200 bytes is already longer than any reader will type).
const MaxSlugBytes = 200

// shorten cuts a long value to its start, for messages.
func shorten(s string) string {
	const keep = 40
	if len(s) <= keep+10 {
		return s
	}
	cut := keep
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

// Slugify turns words as written ("Community Energy", "Q3 Results") into
// one URL word ("community-energy", "q3-results"), for tags and heading ids.
// Letters of any script are kept; apostrophes are dropped ("It's" is
// "its", as Hugo's urlize has it); everything else separates words.
func Slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(strings.TrimSpace(s)) {
		switch {
		case r == '\'' || r == '’' || r == 'ʼ':
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
