package guard

import (
	"strings"
)

// Input is a hostile body: Make(n) is about n bytes of it.
type Input struct {
	Name string
	Make func(n int) string
}

// Hostile are bodies whose parse time grew with the square of their size
// in goldmark v1.8.7, or whose HTML grew far beyond it, for tests, fuzz
// seeds and benchmarks. Times are before the guards, on the build machine.
var Hostile = []Input{
	// 62 KB 1.2 s, 250 KB 10.9 s, 500 KB 58 s (issue 14): each "](" scans the
	// rest of the line for the destination's end.
	{"image openers", func(n int) string { return strings.Repeat("![x](", n/5) }},
	{"angle destinations", func(n int) string { return strings.Repeat("[a](<b", n/6) }},
	// 64 KB 3.7 s: every list level tries a thematic break on the rest of the line (goldmark#592).
	{"list markers on one line", func(n int) string { return strings.Repeat("* ", n/2) + "a" }},
	{"dashes on one line", func(n int) string { return strings.Repeat("- ", n/2) + "x\n" }},
	// 64 KB 1.5 s
	{"nested block quotes", func(n int) string { return strings.Repeat(">", n) + "a" }},
	// a 9 MB list nested line by line: over 40 s (issue 14)
	{"nested list", NestedList},
	// 64 KB 0.85 s: every opener searches the rest of the paragraph for its closer.
	{"code span openers", func(n int) string { return strings.Repeat("\\``", n/3) }},
	// 256 KB 3.3 s: delimiter matching tries every earlier run (goldmark#555).
	{"emphasis", func(n int) string { return strings.Repeat("*a_b*c_d**e_f*g**h*i_j**", n/24) }},
	// 256 KB 2.4 s: each "]" walks everything after its "[".
	{"nested brackets", func(n int) string { return strings.Repeat("[", n/2) + strings.Repeat("]", n/2) }},
	{"bracket runs", func(n int) string {
		return strings.Repeat(strings.Repeat("[", 500)+strings.Repeat("]", 500), max(1, n/1000))
	}},
	// 1.8 KB made 65,000 table cells.
	{"short table rows", func(n int) string {
		return strings.Repeat("|a", n/20) + "\n" + strings.Repeat("|-", n/20) + "\n" + strings.Repeat("|x\n", n/6)
	}},
	// 19 KB made 15 MB of HTML.
	{"repeated reference", func(n int) string {
		return "[a]: /" + strings.Repeat("x", n/2) + "\n\n" + strings.Repeat("[a]", n/6)
	}},
	{"footnote openers", func(n int) string { return strings.Repeat("[^", n/2) }},
	{"unclosed comments", func(n int) string { return strings.Repeat("a <!--a\n", n/8) }},
	{"email-like run", func(n int) string { return " " + strings.Repeat("a_", n/2) }},
	{"paren titles", func(n int) string { return strings.Repeat("[a](b (x", n/8) }},
	{"reference openers", func(n int) string { return strings.Repeat("[a][", n/4) }},
}

// NestedList is about n bytes of a list nested one level deeper on every line.
func NestedList(n int) string {
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		b.WriteString(strings.Repeat("  ", i) + "- a\n")
	}
	return b.String()
}
