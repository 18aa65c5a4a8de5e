// Package suggest finds the name that a slip of the keyboard meant, for the
// "did you mean" of errors about names people type: config.toml's keys and
// tables. It owns the rule for "close enough" and nothing else.
package suggest

import "strings"

// Nearest returns the one of names that s is most likely a slip of, or ""
// when none is close: the same but for case, '-' and '_', or at most two
// letters added, dropped or changed (and fewer than the name has). Of two
// names equally close, the first in names wins. s itself is no suggestion.
func Nearest(s string, names []string) string {
	best, bestD := "", 3
	fs := fold(s)
	for _, n := range names {
		if n == s {
			continue
		}
		fn := fold(n)
		d := Distance(fs, fn)
		if d < bestD && d < len([]rune(fn)) {
			best, bestD = n, d
		}
	}
	return best
}

func fold(s string) string {
	return strings.ToLower(strings.NewReplacer("-", "", "_", "").Replace(s))
}

// Distance is the Levenshtein distance of a and b, counted in runes: how
// many runes must be added, dropped or changed to make one the other.
func Distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
