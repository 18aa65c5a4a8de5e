package guard

import (
	"strings"
	"testing"
)

// FuzzGuardsChangeNothingBelowTheirBounds converts short bodies with and
// without the guards: below every bound, the HTML must be the same.
func FuzzGuardsChangeNothingBelowTheirBounds(f *testing.F) {
	for _, s := range []string{
		"# T\n\n*a* **b** _c_ ~~d~~ `e` ``f`` [g](/h (i)) ![j](<k l.jpg> \"m\") [n][o]\n\n[o]: /p\n",
		"- a\n  - b\n    > c\n\n1. d\n2) e\n",
		"| a | b |\n|---|:-:|\n| 1 |\n| 2 | 3 | 4 |\n",
		"a `b\n\nc ``d` e`` f\n",
		"[x](/a(b(c)))\n[y](/a(b\n",
		"Claim.[^1]\n\n[^1]: Source.\n",
	} {
		f.Add(s)
	}
	plain, guarded := goldmarks()
	f.Fuzz(func(t *testing.T, src string) {
		if !belowBounds(src) {
			return
		}
		if want, got := render(t, plain, src), render(t, guarded, src); got != want {
			t.Fatalf("%q:\nguarded %q\nplain   %q", src, got, want)
		}
	})
}

// belowBounds reports a body too short and too plain to meet any bound:
// fewer than 31 of each character that opens a bounded construct, and at
// most 512 bytes (tables and references then stay within their budgets).
// An address in <…> holding another "<" is left out: goldmark takes it,
// CommonMark and the guard do not.
func belowBounds(src string) bool {
	if len(src) > 512 {
		return false
	}
	for _, c := range "([>-*+.)|" {
		if strings.Count(src, string(c)) > 30 {
			return false
		}
	}
	return !(strings.Contains(src, "](") && strings.Count(src, "<") > 1)
}
